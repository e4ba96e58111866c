package org.gmsaportal.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Settings of the throwaway services {@code scripts/test.sh} starts: the Samba lab DC and PostgreSQL.
 *
 * <p>
 * Values come from the environment, or from the lab DC's {@code lab.env} file. When a service is missing
 * a test aborts (skipped) on a developer machine, but fails when {@code CI=true}: CI must never pass by
 * silently skipping the real directory or database.
 */
public final class LabServices {

	private static final Map<String, String> VALUES = load();

	private LabServices() {
	}

	/** A lab DC setting such as {@code GMSA_LAB_LDAPS_URL}; skips or fails the test when there is no DC. */
	public static String dc(String key) {
		return require(key, "the Samba lab DC (scripts/lab-dc.sh start)");
	}

	/** A PostgreSQL setting such as {@code GMSA_TEST_POSTGRES_URL}; skips or fails without PostgreSQL. */
	public static String postgres(String key) {
		return require(key, "PostgreSQL (scripts/lab-postgres.sh start)");
	}

	/** Debian's Chromium for the browser tests ({@code GMSA_CHROMIUM} or /usr/bin/chromium). */
	public static java.nio.file.Path chromium() {
		java.nio.file.Path path = java.nio.file.Path.of(System.getenv().getOrDefault("GMSA_CHROMIUM", "/usr/bin/chromium"));
		if (!Files.isExecutable(path)) {
			String message = path + " is missing: install Debian's chromium (scripts/install-deps.sh)";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				Assertions.fail(message + " (CI=true: the browser tests are required)");
			}
			Assumptions.abort(message);
		}
		return path;
	}

	/**
	 * Points the portal's sign-in at the lab DC over LDAPS: directory connection {@code lab}, trusted
	 * through the lab's CA.
	 */
	public static void registerLabDirectory(org.springframework.test.context.DynamicPropertyRegistry registry) {
		registry.add("gmsa.directory.connections.lab.urls", () -> valueOrEmpty("GMSA_LAB_LDAPS_URL"));
		registry.add("gmsa.directory.connections.lab.domain", () -> "lab.test");
		registry.add("gmsa.directory.connections.lab.ca-file", () -> valueOrEmpty("GMSA_LAB_CA_FILE"));
		registry.add("gmsa.security.ad.connection", () -> "lab");
	}

	/**
	 * Like {@link #registerLabDirectory}, and binds the portal's own directory work as the lab's domain
	 * Administrator (standing in for a delegated service account).
	 */
	public static void registerLabDirectoryWithServiceAccount(
			org.springframework.test.context.DynamicPropertyRegistry registry) {
		registerLabDirectory(registry);
		registry.add("gmsa.directory.connections.lab.bind-user", () -> valueOrEmpty("GMSA_LAB_DOMAIN_ADMIN"));
		registry.add("gmsa.directory.connections.lab.bind-password", () -> valueOrEmpty("GMSA_LAB_DOMAIN_ADMIN_PASSWORD"));
	}

	/**
	 * How long a browser test waits for what a page must come to show, or for an element to act on. Playwright's
	 * defaults (5 s for assertions, 30 s for actions) assert speed, which a loaded CI machine does not have: a wait
	 * here only guards against hanging, and ends as soon as the page shows what is expected.
	 */
	public static final double BROWSER_WAIT_MILLIS = 120_000;

	/**
	 * Debian's Chromium with the flags this closed network needs (no background connections, no updates),
	 * for the Playwright browser tests; Playwright's assertions wait up to {@link #BROWSER_WAIT_MILLIS}.
	 */
	public static com.microsoft.playwright.Browser launchChromium(com.microsoft.playwright.Playwright playwright) {
		com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(BROWSER_WAIT_MILLIS);
		return playwright.chromium().launch(new com.microsoft.playwright.BrowserType.LaunchOptions()
			.setExecutablePath(chromium())
			.setArgs(java.util.List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
					"--disable-component-update", "--disable-sync", "--no-first-run")));
	}

	/** A browser context whose actions and navigations wait up to {@link #BROWSER_WAIT_MILLIS}. */
	public static com.microsoft.playwright.BrowserContext newContext(com.microsoft.playwright.Browser browser,
			com.microsoft.playwright.Browser.NewContextOptions options) {
		com.microsoft.playwright.BrowserContext context = browser.newContext(options);
		context.setDefaultTimeout(BROWSER_WAIT_MILLIS);
		context.setDefaultNavigationTimeout(BROWSER_WAIT_MILLIS);
		return context;
	}

	/** A setting if present, without skipping or failing (for property sources). */
	/** Runs a command (Samba's tools on the lab DC) and returns its output; fails the test when it exits non-zero. */
	public static String run(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (process.waitFor() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static String valueOrEmpty(String key) {
		return VALUES.getOrDefault(key, "");
	}

	private static String require(String key, String service) {
		String value = VALUES.get(key);
		if (value == null || value.isBlank()) {
			String message = key + " is not set: " + service + " is not running";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				Assertions.fail(message + " (CI=true: real services are required)");
			}
			Assumptions.abort(message);
		}
		return value;
	}

	private static Map<String, String> load() {
		Map<String, String> values = new HashMap<>();
		String dir = System.getenv().getOrDefault("GMSA_LAB_DIR", "/tmp/gmsa-lab-dc");
		Path file = Path.of(dir, "lab.env");
		if (Files.isReadable(file)) {
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
		}
		System.getenv().forEach((k, v) -> {
			if (k.startsWith("GMSA_LAB_") || k.startsWith("GMSA_TEST_")) {
				values.put(k, v);
			}
		});
		return values;
	}

}
