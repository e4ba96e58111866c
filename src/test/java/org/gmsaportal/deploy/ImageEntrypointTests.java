package org.gmsaportal.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The container image's entry point, without an engine (none runs here): the layered jar just packaged is extracted
 * with the Dockerfile's command, its layers are copied in the Dockerfile's order, the entry point trains the AOT
 * cache as the image build does, and {@code entrypoint.sh} starts the portal with the Dockerfile's
 * {@code JAVA_TOOL_OPTIONS}, as an unprivileged user for whom the application directory is read-only, like the
 * image's non-root user on a read-only root filesystem. All of it runs on the Java version of the image's base (Java
 * 25, {@link ImageJdk}), not on the build's JDK 17, since the cache is refused by any other JVM. Runs after
 * {@code package} (the pom's {@code image-entrypoint} execution), which passes the jar as {@code gmsa.image.jar}.
 */
class ImageEntrypointTests {

	private static final Path DOCKERFILE = Path.of("Dockerfile");

	private static final Path ENTRYPOINT = Path.of("src/main/docker/entrypoint.sh");

	// The Dockerfile's "COPY --from=layers /build/extracted/<layer>/ /app/" lines, in order.
	private static final Pattern LAYER = Pattern.compile("(?m)^COPY --from=layers /build/extracted/([a-z-]+)/ /app/$");

	private static final Pattern TOOL_OPTIONS = Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]+)\"");

	// glibc's malloc arena cap, an environment variable of the image beside the JVM's options.
	private static final Pattern ARENA_MAX = Pattern.compile("(?m)^\\s+MALLOC_ARENA_MAX=(\\d+)");

	// The Dockerfile's extraction of the jar it copied as gmsa-portal.jar, and its AOT cache training.
	private static final Pattern EXTRACT = Pattern.compile("(?m)^RUN java -Djarmode=tools -jar gmsa-portal.jar (.+)$");

	private static final String TRAINING_RUN = "RUN /app/entrypoint.sh --train-aot-cache";

	// Stands in for the container's memory limit, which the JVM would otherwise read from its cgroup.
	private static final String CONTAINER_LIMIT = "-XX:MaxRAM=512m";

	private static final long NOBODY = 65534;

	private static final Duration STARTUP = Duration.ofMinutes(4);

	// Only against hanging: the training start creates every bean, then a second JVM writes the AOT cache, and a
	// shared machine under load is slow at both.
	private static final Duration TRAINING = Duration.ofMinutes(30);

	@TempDir
	static Path work;

	// The image's /app, laid out once for both tests.
	private static Path app;

	private static String dockerfile;

	// The java of the image's Java version on this machine.
	private static Path java;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@BeforeAll
	static void layOutTheImage() throws Exception {
		dockerfile = Files.readString(DOCKERFILE);
		java = ImageJdk.java(ImageJdk.major(dockerfile));
		app = layout();
	}

	@Test
	void thePortalStartsFromTheExtractedLayersAsANonRootUserAndStopsOnSigterm() throws Exception {
		Path data = Files.createDirectories(work.resolve("data"));
		int port = freePort();
		Path log = work.resolve("portal.log");
		Process portal = start(data, port, log);
		try {
			awaitReady(portal, port, log);
			assertThat(get(port, "/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
			// The AOT cache the image build trained is in use, not silently refused (a JVM, option or jar that does
			// not match it makes the JVM start without it).
			assertThat(Files.readString(Path.of("/proc", Long.toString(portal.pid()), "maps")))
				.as("the JVM maps " + app.resolve("gmsa-portal.aot") + "\n" + tail(log))
				.contains(app.resolve("gmsa-portal.aot").toString());
			assertThat(composeHealthCheck(port)).as("docker-compose.yml's health check").isZero();
			long rss = residentKiB(portal);
			System.out.printf("ImageEntrypointTests: ready, resident set %d MiB of the 512 MiB limit%n", rss / 1024);
			assertThat(rss).as("resident set in KiB").isLessThan(512 * 1024);
			// The default H2 database went to the data directory, the one writable place besides /tmp.
			assertThat(data.resolve("data/gmsa-portal.mv.db")).exists();
		}
		finally {
			portal.destroy();
		}
		assertThat(portal.waitFor(90, TimeUnit.SECONDS)).as("stopped within 90 s of SIGTERM").isTrue();
		// 143: the JVM ended on SIGTERM after Spring's shutdown hooks ran.
		assertThat(portal.exitValue()).as(tail(log)).isIn(0, 143);
	}

	@Test
	void theEntrypointRefusesADataDirectoryItCannotWrite() throws Exception {
		Path readOnly = Files.createDirectories(work.resolve("read-only"));
		Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
		Path log = work.resolve("refused.log");
		Process portal = start(readOnly, freePort(), log);
		assertThat(portal.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(portal.exitValue()).isEqualTo(64);
		assertThat(Files.readString(log))
			.contains("GMSA_DATA_DIR " + readOnly + " is not writable");
	}

	/** The image's /app: the jar extracted as the Dockerfile does, its layers merged in the Dockerfile's order. */
	private static Path layout() throws Exception {
		String jar = System.getProperty("gmsa.image.jar");
		if (jar == null || !Files.isRegularFile(Path.of(jar))) {
			fail("gmsa.image.jar is not a packaged jar (" + jar + "): run ./mvnw verify, whose image-entrypoint "
					+ "execution runs this test after package");
		}
		Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
		// Named as the Dockerfile names it: the extracted application jar takes the name of the jar.
		Path copied = Files.copy(Path.of(jar), work.resolve("gmsa-portal.jar"));
		Matcher extract = EXTRACT.matcher(dockerfile);
		assertThat(extract.find()).as("the Dockerfile extracts gmsa-portal.jar").isTrue();
		List<String> command = new ArrayList<>(List.of(java.toString(), "-Djarmode=tools", "-jar", copied.toString()));
		command.addAll(List.of(extract.group(1).split(" ")));
		// The destination, relative in the Dockerfile's build directory, goes under this test's directory.
		Path extracted = work.resolve(command.get(command.size() - 1));
		command.set(command.size() - 1, extracted.toString());
		run(command);
		List<String> layers = new ArrayList<>();
		Matcher matcher = LAYER.matcher(dockerfile);
		while (matcher.find()) {
			layers.add(matcher.group(1));
		}
		assertThat(layers).containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies",
				"application");
		try (Stream<Path> written = Files.list(extracted)) {
			assertThat(written.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(layers);
		}
		Path layout = work.resolve("app");
		for (String layer : layers) {
			copyTree(extracted.resolve(layer), layout);
		}
		Files.copy(ENTRYPOINT, layout.resolve("entrypoint.sh"), StandardCopyOption.COPY_ATTRIBUTES);
		// The image build's training start, as root does it there, before the files become read-only.
		assertThat(dockerfile).contains(TRAINING_RUN);
		ProcessBuilder training = new ProcessBuilder(layout.resolve("entrypoint.sh").toString(),
				"--train-aot-cache").redirectErrorStream(true).redirectOutput(work.resolve("training.log").toFile());
		training.environment().clear();
		// With the Dockerfile's JAVA_TOOL_OPTIONS, set before its training RUN: the cache is trained with the collector
		// it is used with. No memory limit, as in an image build.
		assertThat(dockerfile.indexOf("ENV JAVA_TOOL_OPTIONS")).as("JAVA_TOOL_OPTIONS set before the training run")
			.isLessThan(dockerfile.indexOf(TRAINING_RUN));
		training.environment().putAll(imageEnvironment(layout, work, toolOptions(dockerfile)));
		Process trainer = training.start();
		if (!trainer.waitFor(TRAINING.toSeconds(), TimeUnit.SECONDS)) {
			// The entry point runs the training JVM as its child (it cleans up after it): end both.
			trainer.descendants().forEach(ProcessHandle::destroyForcibly);
			trainer.destroyForcibly();
			fail("the training start did not end within " + TRAINING + ":\n" + tail(work.resolve("training.log")));
		}
		assertThat(trainer.exitValue()).as(tail(work.resolve("training.log"))).isZero();
		assertThat(layout.resolve("gmsa-portal.aot")).isNotEmptyFile();
		readOnly(layout);
		return layout;
	}

	private static Process start(Path data, int port, Path log) throws IOException {
		List<String> command = new ArrayList<>();
		boolean root = "0".equals(run(List.of("id", "-u")).strip());
		if (root) {
			// The image's non-root user: here nobody, to whom the root-owned application directory is read-only.
			if (data.getFileName().toString().equals("data")) {
				run(List.of("chown", NOBODY + ":" + NOBODY, data.toString()));
			}
			command.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
		}
		command.add(app.resolve("entrypoint.sh").toString());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile());
		Map<String, String> env = builder.environment();
		env.clear();
		env.putAll(imageEnvironment(app, data, toolOptions(dockerfile) + " " + CONTAINER_LIMIT));
		env.put("SERVER_PORT", Integer.toString(port));
		env.put("PORTAL_ADMIN_PASSWORD", "image-test-admin-password");
		return builder.start();
	}

	/** The Dockerfile's ENV, with the paths of this layout and the image's Java version on the PATH. */
	private static Map<String, String> imageEnvironment(Path app, Path data, String toolOptions) {
		Map<String, String> env = new HashMap<>();
		env.put("PATH", java.getParent() + ":/usr/bin:/bin");
		env.put("HOME", data.toString());
		env.put("JAVA_TOOL_OPTIONS", toolOptions);
		Matcher arenas = ARENA_MAX.matcher(dockerfile);
		if (arenas.find()) {
			env.put("MALLOC_ARENA_MAX", arenas.group(1));
		}
		env.put("GMSA_APP_DIR", app.toString());
		env.put("GMSA_DATA_DIR", data.toString());
		env.put("LOG_FORMAT", "ecs");
		return env;
	}

	private void awaitReady(Process portal, int port, Path log) throws Exception {
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (System.nanoTime() < deadline) {
			if (!portal.isAlive()) {
				fail("the portal exited with " + portal.exitValue() + " before it was ready:\n" + tail(log));
			}
			try {
				HttpResponse<String> readiness = get(port, "/actuator/health/readiness");
				if (readiness.statusCode() == 200 && readiness.body().contains("\"status\":\"UP\"")) {
					return;
				}
			}
			catch (IOException notListeningYet) {
				// keep polling until the deadline
			}
			Thread.sleep(500);
		}
		fail("readiness was not UP within " + STARTUP + ":\n" + tail(log));
	}

	/** Runs docker-compose.yml's health check command for the portal against this portal's port. */
	@SuppressWarnings("unchecked")
	private static int composeHealthCheck(int port) throws Exception {
		Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
		Map<String, Object> services = (Map<String, Object>) compose.get("services");
		Map<String, Object> portal = (Map<String, Object>) services.get("portal");
		List<String> test = (List<String>) ((Map<String, Object>) portal.get("healthcheck")).get("test");
		assertThat(test.subList(0, 3)).containsExactly("CMD", "bash", "-c");
		assertThat(test.get(3)).contains("/dev/tcp/127.0.0.1/8080").contains("/actuator/health/readiness");
		String command = test.get(3).replace("/dev/tcp/127.0.0.1/8080", "/dev/tcp/127.0.0.1/" + port);
		Process check = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
		assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return check.exitValue();
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String toolOptions(String dockerfile) {
		Matcher matcher = TOOL_OPTIONS.matcher(dockerfile);
		assertThat(matcher.find()).as("the Dockerfile sets JAVA_TOOL_OPTIONS").isTrue();
		String options = matcher.group(1);
		assertThat(options).contains("-XX:MaxRAMPercentage=").contains("-XX:+ExitOnOutOfMemoryError");
		return options;
	}

	private static long residentKiB(Process process) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", ""));
			}
		}
		throw new IllegalStateException("no VmRSS for " + process.pid());
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path source : paths.toList()) {
				Path target = to.resolve(from.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

	/** No write permission for anyone: the image's files belong to root, and its root filesystem is read-only. */
	private static void readOnly(Path app) throws IOException {
		try (Stream<Path> paths = Files.walk(app)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				boolean enterable = Files.isDirectory(path) || path.getFileName().toString().endsWith(".sh");
				String mode = enterable ? "r-xr-xr-x" : "r--r--r--";
				Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String run(List<String> command) throws IOException {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (process.waitFor() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
			}
			return output;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

}
