package org.gmsaportal.provisioning;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gmsaportal.GmsaPortalApplication;
import org.gmsaportal.credspec.SecretValue;
import org.gmsaportal.support.LabServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two portal instances (two Spring contexts on random ports in this JVM) on one real PostgreSQL database, connected
 * as the application role that the grants callback equips: a person signs in on one and goes on on the other, a
 * user locked out on one is locked out on both, a password shows once across both, and an instance given another
 * key refuses to start. The database is this class's own ({@code gmsa_replicas}) on the throwaway PostgreSQL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasPostgresIntegrationTests {

	private static final String DATABASE = "gmsa_replicas";

	private static final String APP_ROLE = "gmsa_portal_app";

	private static final String APP_PASSWORD = "app-" + Long.toHexString(System.nanoTime());

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@BeforeAll
	static void twoInstancesOnOneDatabase() throws SQLException {
		LabServices.postgres("GMSA_TEST_POSTGRES_URL");
		try (Connection admin = superuser(LabServices.valueOrEmpty("GMSA_TEST_POSTGRES_URL"));
				Statement sql = admin.createStatement()) {
			sql.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
			sql.execute("CREATE DATABASE " + DATABASE);
			sql.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + APP_ROLE + "') THEN "
					+ "CREATE ROLE " + APP_ROLE + " LOGIN; END IF; END $$");
			sql.execute("ALTER ROLE " + APP_ROLE + " LOGIN PASSWORD '" + APP_PASSWORD + "'");
		}
		try (Connection admin = superuser(url()); Statement sql = admin.createStatement()) {
			// as db/postgresql-roles.sql does: only the owner may create objects in the schema
			sql.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
		}
		first = start();
		second = start();
	}

	@AfterAll
	static void stop() {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { first, second }) {
			if (context != null) {
				context.close();
			}
		}
	}

	@Test
	@Order(1)
	void aPersonSignedInOnOneInstanceGoesOnOnTheOther() throws Exception {
		// the sign-in form comes from the first instance, its CSRF token lives in the shared session
		Page form = get(port(first), "/login", null);
		HttpResponse<String> signIn = post(port(second), "/login", form.cookie(),
				"username=admin&password=test-admin-password&_csrf=" + enc(csrf(form.body())));
		assertThat(signIn.statusCode()).isEqualTo(302);
		assertThat(signIn.headers().firstValue("location").orElseThrow()).doesNotContain("error");
		String signedIn = cookie(signIn);
		assertThat(signedIn).isNotEqualTo(form.cookie()); // a new session id at sign-in (fixation protection)
		assertThat(signIn.headers().firstValue("set-cookie").orElseThrow()).contains("HttpOnly")
			.contains("SameSite=Strict");

		Page onFirst = get(port(first), "/runs", signedIn);
		assertThat(onFirst.status()).isEqualTo(200);
		assertThat(onFirst.body()).contains("admin");
		// the attributes in the sessions table are sealed: no principal name in readable bytes
		List<byte[]> stored = jdbc(first).sql("SELECT attribute_bytes FROM spring_session_attributes")
			.query(byte[].class)
			.list();
		assertThat(stored).isNotEmpty()
			.allSatisfy((bytes) -> assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
				.doesNotContain("SecurityContext")
				.doesNotContain("PortalPrincipal"));

		HttpResponse<String> signOut = post(port(first), "/logout", signedIn, "_csrf=" + enc(csrf(onFirst.body())));
		assertThat(signOut.headers().firstValue("location").orElseThrow()).endsWith("/login?logout");
		Page afterSignOut = get(port(second), "/runs", signedIn);
		assertThat(afterSignOut.status()).isEqualTo(302);
		assertThat(afterSignOut.location()).endsWith("/login");
	}

	@Test
	@Order(2)
	void aPasswordShowsOnceAcrossBothInstances() {
		SecretValue password = SecretValue.of("Zq4#replica-password-0123456789ab");
		first.getBean(PasswordVault.class).put("run-replicas", password);
		first.getBean(PasswordVault.class).runFinished("run-replicas");

		ProvisioningService onSecond = second.getBean(ProvisioningService.class);
		ProvisioningService onFirst = first.getBean(ProvisioningService.class);
		assertThat(onSecond.portablePasswordWaiting("run-replicas")).isTrue();
		assertThat(onSecond.takePortablePassword("run-replicas")).contains(password);
		assertThat(onFirst.portablePasswordWaiting("run-replicas")).isFalse();
		assertThat(onFirst.takePortablePassword("run-replicas")).isEmpty();
		assertThat(onSecond.takePortablePassword("run-replicas")).isEmpty();
	}

	@Test
	@Order(3)
	void theApplicationRoleHasEveryTableAndOnlyAppendsToTheAuditTrail() {
		JdbcClient asApp = jdbc(first);
		List<String> without = asApp.sql("""
				SELECT table_name FROM information_schema.tables t WHERE table_schema = 'public'
				AND table_name <> 'flyway_schema_history' AND NOT EXISTS (SELECT 1 FROM information_schema
				.table_privileges p WHERE p.table_name = t.table_name AND p.grantee = ? AND p.privilege_type = 'SELECT')
				""").param(APP_ROLE).query(String.class).list();
		assertThat(without).as("tables the application role cannot read").isEmpty();
		List<String> audit = asApp.sql("""
				SELECT privilege_type FROM information_schema.table_privileges
				WHERE table_name = 'audit_event' AND grantee = ? ORDER BY privilege_type
				""").param(APP_ROLE).query(String.class).list();
		assertThat(audit).containsExactly("INSERT", "SELECT");
		assertThatThrownBy(() -> asApp.sql("ALTER TABLE audit_event DISABLE TRIGGER ALL").update()).rootCause()
			.hasMessageContaining("must be owner");
		assertThatThrownBy(() -> asApp.sql("TRUNCATE audit_event").update()).rootCause()
			.hasMessageContaining("permission denied");
	}

	@Test
	@Order(4)
	void aSecondInstanceWithAnotherCheckpointKeyRefusesToStart() {
		assertThatThrownBy(() -> start("--gmsa.audit.checkpoint-key=another-checkpoint-key-0123456789abcdef"))
			.rootCause()
			.hasMessageStartingWith("gmsa.audit.checkpoint-key:")
			.hasMessageContaining("does not match");
		assertThatThrownBy(() -> start("--gmsa.keys.data-key=", "--gmsa.keys.data-key-file=/nonexistent/data.key"))
			.rootCause()
			.hasMessageStartingWith("gmsa.keys.data-key:")
			.hasMessageContaining("GMSA_KEYS_DATA_KEY");
	}

	@Test
	@Order(5)
	void aUserLockedOutOnOneInstanceIsLockedOutOnBoth() throws Exception {
		for (int i = 0; i < 3; i++) {
			Page form = get(port(first), "/login", null);
			HttpResponse<String> failed = post(port(first), "/login", form.cookie(),
					"username=admin&password=wrong-" + i + "&_csrf=" + enc(csrf(form.body())));
			assertThat(failed.headers().firstValue("location").orElseThrow()).endsWith("/login?error");
		}
		Page form = get(port(second), "/login", null);
		HttpResponse<String> refused = post(port(second), "/login", form.cookie(),
				"username=admin&password=test-admin-password&_csrf=" + enc(csrf(form.body())));
		assertThat(refused.headers().firstValue("location").orElseThrow()).endsWith("/login?locked");
	}

	private static ConfigurableApplicationContext start(String... more) {
		List<String> args = new java.util.ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + url(),
				"--spring.datasource.username=" + APP_ROLE, "--spring.datasource.password=" + APP_PASSWORD,
				"--spring.flyway.user=" + LabServices.valueOrEmpty("GMSA_TEST_POSTGRES_USER"),
				"--spring.flyway.password=" + LabServices.valueOrEmpty("GMSA_TEST_POSTGRES_PASSWORD"),
				"--gmsa.security.throttle.max-failures-per-user=3"));
		args.addAll(List.of(more));
		return new SpringApplicationBuilder(GmsaPortalApplication.class).run(args.toArray(String[]::new));
	}

	private static String url() {
		return LabServices.valueOrEmpty("GMSA_TEST_POSTGRES_URL").replaceFirst("/[^/?]+(\\?.*)?$", "/" + DATABASE);
	}

	private static Connection superuser(String url) throws SQLException {
		return DriverManager.getConnection(url, LabServices.valueOrEmpty("GMSA_TEST_POSTGRES_USER"),
				LabServices.valueOrEmpty("GMSA_TEST_POSTGRES_PASSWORD"));
	}

	private static JdbcClient jdbc(ConfigurableApplicationContext context) {
		return context.getBean(JdbcClient.class);
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
	}

	private Page get(int port, String path, String cookie) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		String set = cookie(response);
		return new Page(response.statusCode(), response.body(), (set != null) ? set : cookie,
				response.headers().firstValue("location").orElse(""));
	}

	private HttpResponse<String> post(int port, String path, String cookie, String form) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Cookie", cookie)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The session cookie the response sets, as a Cookie header value; null if it sets none. */
	private static String cookie(HttpResponse<?> response) {
		return response.headers()
			.allValues("set-cookie")
			.stream()
			.filter((c) -> c.startsWith("JSESSIONID="))
			.map((c) -> c.substring(0, c.indexOf(';')))
			.findFirst()
			.orElse(null);
	}

	private static String csrf(String html) {
		Matcher token = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(html);
		assertThat(token.find()).as("a CSRF token in the page").isTrue();
		return token.group(1);
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private record Page(int status, String body, String cookie, String location) {
	}

}
