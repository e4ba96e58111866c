package org.gmsaportal.deploy;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The JVM the image runs, found on this machine: the Dockerfile's {@code FROM eclipse-temurin:<major>-jre} names the
 * Java version, and its AOT cache is refused by any other. The build's JDK (17) is not it: machines of this kind
 * carry Temurin's JDK beside the default OpenJDK under /usr/lib/jvm, which no Debian package of bookworm provides, so
 * it is found by its {@code release} file, not by a fixed path. {@code GMSA_IMAGE_JAVA_HOME} names another.
 */
final class ImageJdk {

	private static final Pattern BASE_IMAGE = Pattern.compile("(?m)^FROM eclipse-temurin:(\\d+)-jre\\b");

	private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)[.\"]");

	private static final Path JVMS = Path.of("/usr/lib/jvm");

	private ImageJdk() {
	}

	/** The Java major version of the Dockerfile's base images (the extraction stage's and the image's: the same). */
	static int major(String dockerfile) {
		Matcher matcher = BASE_IMAGE.matcher(dockerfile);
		List<Integer> majors = new ArrayList<>();
		while (matcher.find()) {
			majors.add(Integer.parseInt(matcher.group(1)));
		}
		Assertions.assertFalse(majors.isEmpty(), "the Dockerfile starts FROM eclipse-temurin:<version>-jre");
		Assertions.assertEquals(1, majors.stream().distinct().count(), "one Java version in every FROM: " + majors);
		return majors.get(0);
	}

	/**
	 * The {@code java} of a JDK or JRE of that major version; fails under CI=true when there is none, else skips the
	 * test that needs it.
	 */
	static Path java(int major) {
		Optional<Path> home = home(major);
		if (home.isPresent()) {
			return home.get().resolve("bin/java");
		}
		String message = "no Java " + major + " for the image's entry point: looked for GMSA_IMAGE_JAVA_HOME and "
				+ JVMS + "/*/release with JAVA_VERSION=\"" + major + ".*\" (machines of this kind carry Temurin's JDK "
				+ "there; elsewhere install a Java " + major + " and set GMSA_IMAGE_JAVA_HOME)";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			Assertions.fail(message + " (CI=true: the image check is required)");
		}
		Assumptions.abort(message);
		throw new IllegalStateException(message);
	}

	static Optional<Path> home(int major) {
		List<Path> candidates = new ArrayList<>();
		String named = System.getenv("GMSA_IMAGE_JAVA_HOME");
		if (named != null && !named.isBlank()) {
			candidates.add(Path.of(named));
		}
		if (Files.isDirectory(JVMS)) {
			try (DirectoryStream<Path> homes = Files.newDirectoryStream(JVMS)) {
				List<Path> found = new ArrayList<>();
				homes.forEach(found::add);
				// Temurin's first (the image's own build), then by name, so that the choice is the same every run.
				found.sort(Comparator.comparing((Path p) -> !p.getFileName().toString().contains("temurin"))
					.thenComparing(Path::toString));
				candidates.addAll(found);
			}
			catch (IOException ex) {
				throw new IllegalStateException("cannot list " + JVMS, ex);
			}
		}
		return candidates.stream().filter((home) -> major(home) == major).findFirst();
	}

	private static int major(Path home) {
		Path release = home.resolve("release");
		if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isRegularFile(release)) {
			return -1;
		}
		try {
			Matcher matcher = JAVA_VERSION.matcher(Files.readString(release));
			return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
		}
		catch (IOException ex) {
			return -1;
		}
	}

}
