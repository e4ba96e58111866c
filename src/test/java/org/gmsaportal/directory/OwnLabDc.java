package org.gmsaportal.directory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A lab DC started by a test for itself (scripts/lab-dc.sh on another loopback address), for tests that
 * delete KDS root keys: on a shared DC that would break every gMSA created before.
 */
final class OwnLabDc implements AutoCloseable {

	private final Path dir;

	private final LabDirectory lab;

	private OwnLabDc(Path dir, LabDirectory lab) {
		this.dir = dir;
		this.lab = lab;
	}

	/**
	 * Starts a DC on {@code ip}, or on {@code GMSA_OWN_LAB_IP} when set (so that parallel test runs on one machine
	 * do not share an address); skips the test (fails it under CI=true) if this machine cannot.
	 */
	static OwnLabDc start(String defaultIp) {
		String ip = System.getenv().getOrDefault("GMSA_OWN_LAB_IP", defaultIp);
		Path dir = Path.of(System.getProperty("java.io.tmpdir"), "gmsa-lab-" + ip.replace('.', '-'));
		Path script = Path.of("scripts/lab-dc.sh").toAbsolutePath();
		String failure = null;
		try {
			stop(script, dir);
			Path log = Path.of(dir + ".log");
			ProcessBuilder builder = new ProcessBuilder(script.toString(), "start", dir.toString())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().put("GMSA_LAB_IP", ip);
			if (builder.start().waitFor() != 0) {
				List<String> lines = Files.readAllLines(log);
				failure = "scripts/lab-dc.sh start failed (needs root and Samba 4.21+): "
						+ String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
			}
		}
		catch (IOException ex) {
			failure = "cannot run scripts/lab-dc.sh: " + ex.getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			failure = "interrupted";
		}
		if (failure != null) {
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				Assertions.fail(failure + " (CI=true: real services are required)");
			}
			Assumptions.abort(failure);
		}
		return new OwnLabDc(dir, LabDirectory.of(read(dir.resolve("lab.env"))));
	}

	LabDirectory lab() {
		return this.lab;
	}

	@Override
	public void close() {
		stop(Path.of("scripts/lab-dc.sh").toAbsolutePath(), this.dir);
	}

	private static void stop(Path script, Path dir) {
		try {
			new ProcessBuilder(script.toString(), "stop", dir.toString()).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start()
				.waitFor();
		}
		catch (IOException ex) {
			// nothing to stop
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Map<String, String> read(Path file) {
		Map<String, String> values = new HashMap<>();
		try {
			for (String line : Files.readAllLines(file)) {
				int eq = line.indexOf('=');
				if (!line.startsWith("#") && eq > 0) {
					values.put(line.substring(0, eq), line.substring(eq + 1));
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read " + file, ex);
		}
		return values;
	}

}
