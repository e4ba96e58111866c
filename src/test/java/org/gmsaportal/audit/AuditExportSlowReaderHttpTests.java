package org.gmsaportal.audit;

import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An export streamed over HTTP to a reader slower than the servlet container's asynchronous request timeout is sent
 * whole (issue 18: a CSV export of 1 M events takes minutes over HTTP, and Tomcat ends an asynchronous request after
 * 30 s unless the application sets its own timeout, cutting the file short). Here the container's timeout is set
 * to 1 s, standing in for its 30 s, and the client reads 40,000 events (about 10 MB, more than loopback's socket
 * buffers hold) in small pieces with pauses, so the export lasts several seconds.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		// No logging levels here: a level set by one context stays set in the JVM for the tests after it.
		"spring.datasource.url=jdbc:h2:file:${java.io.tmpdir}/gmsa-slow-export-${random.uuid}/audit" })
@Import(AuditExportSlowReaderHttpTests.ShortContainerTimeout.class)
class AuditExportSlowReaderHttpTests {

	private static final int ROWS = 40_000;

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ChainHasher hasher;

	@Test
	void anExportOutlastingTheContainersAsyncTimeoutIsSentWhole() throws Exception {
		generate();
		HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		signIn(client);
		long started = System.nanoTime();
		HttpResponse<InputStream> response = client.send(
				HttpRequest.newBuilder(URI.create(url("/audit/export.csv"))).build(),
				HttpResponse.BodyHandlers.ofInputStream());
		long lines = 0;
		try (InputStream in = response.body()) {
			byte[] buffer = new byte[16 * 1024];
			for (int n; (n = in.read(buffer)) > 0;) {
				for (int i = 0; i < n; i++) {
					lines += (buffer[i] == '\n') ? 1 : 0;
				}
				Thread.sleep(5);
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(seconds).as("the export outlasted the container's 1 s timeout").isGreaterThan(1.5);
		// the header line and every event: the generated ones, the sign-in's and the export's own
		long events = this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_event", Long.class);
		assertThat(lines - 1).isBetween((long) ROWS, events);
	}

	private void generate() {
		this.jdbc.update("DROP TRIGGER IF EXISTS audit_event_no_delete");
		this.jdbc.update("DELETE FROM audit_event");
		String prev = AuditRow.GENESIS;
		Instant base = Instant.parse("2026-01-01T00:00:00Z");
		List<Object[]> batch = new ArrayList<>();
		for (long seq = 1; seq <= ROWS; seq++) {
			AuditRow row = new AuditRow(seq, base.plusMillis(seq * 10), "user" + (seq % 97), "PERSON", "ADMIN",
					"10.0.0." + (seq % 250), "directory.gmsa.create",
					"CN=svc" + seq + ",OU=Service Accounts,DC=lab,DC=test", "SUCCESS",
					"{\"spns\":[\"host/svc" + seq + "\"],\"interval\":30,\"note\":\"" + "x".repeat(80) + "\"}",
					"run-" + (seq / 10), null, prev, "");
			String hash = ChainHasher.hash(row);
			batch.add(new Object[] { seq, OffsetDateTime.ofInstant(row.occurredAt(), ZoneOffset.UTC), row.actor(),
					row.actorKind(), row.actorRoles(), row.sourceAddress(), row.action(), row.target(), row.outcome(),
					row.details(), row.correlationId(), null, prev, hash });
			prev = hash;
		}
		this.jdbc.batchUpdate("INSERT INTO audit_event (seq, occurred_at, actor, actor_kind, actor_roles, "
				+ "source_address, action, target, outcome, details, correlation_id, ticket_ref, prev_hash, hash) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch);
		this.jdbc.update("UPDATE audit_chain_head SET seq = ?, hash = ?, mac = ? WHERE id = 1", ROWS, prev,
				this.hasher.checkpointMac(ROWS, prev));
	}

	private void signIn(HttpClient client) throws Exception {
		String login = client.send(HttpRequest.newBuilder(URI.create(url("/login"))).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		Matcher csrf = CSRF.matcher(login);
		assertThat(csrf.find()).as("a CSRF token on the login page").isTrue();
		String form = "username=admin&password=test-admin-password&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		HttpResponse<Void> posted = client.send(HttpRequest.newBuilder(URI.create(url("/login")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(posted.headers().firstValue("Location").orElse("")).doesNotContain("error");
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ShortContainerTimeout {

		@Bean
		TomcatConnectorCustomizer shortAsyncTimeout() {
			return (connector) -> connector.setAsyncTimeout(1000);
		}

	}

}
