package org.gmsaportal.web;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal over real HTTP: redirects, cookies, headers, health and error pages that leak nothing.
 */
class PortalHttpTests extends PortalServerSupport {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Autowired
	JdbcClient jdbc;

	private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	@Test
	void anAnonymousVisitorIsSentToTheLoginPage() throws Exception {
		HttpResponse<String> response = get("/");
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
	}

	@Test
	void theSessionCookieIsHttpOnlyAndSameSiteStrict() throws Exception {
		String cookie = get("/login").headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(cookie).startsWith("JSESSIONID=").contains("HttpOnly").contains("SameSite=Strict");
	}

	@Test
	void signingInIssuesANewSessionId() throws Exception {
		get("/login");
		String before = sessionId();
		signIn("admin", "test-admin-password");
		assertThat(sessionId()).isNotEqualTo(before);
	}

	@Test
	void pagesCarryAContentSecurityPolicyWithoutInlineScript() throws Exception {
		HttpResponse<String> login = get("/login");
		assertThat(login.headers().firstValue("Content-Security-Policy")).hasValue(
				"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
						+ "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
		assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(login.body()).doesNotContain("<script>").doesNotContain(" style=\"").doesNotContain("onclick");
	}

	@Test
	void healthIsUpAndShowsNoDetailsToAnonymousVisitors() throws Exception {
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components");
	}

	@Test
	void signedInUsersSeeDatabaseAndDirectoryHealth() throws Exception {
		signIn("admin", "test-admin-password");
		String body = get("/actuator/health").body();
		assertThat(body).contains("\"db\"").contains("\"directory\"").contains("reachable: dc1.lab.test");
	}

	@Test
	void anUnknownPageShowsTheNotFoundPageOnly() throws Exception {
		signIn("admin", "test-admin-password");
		HttpResponse<String> response = get("/no-such-page");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("Not found").doesNotContain("Exception").doesNotContain("Whitelabel");
	}

	@Test
	void aServerErrorShowsTheCorrelationIdAndNoInternals() throws Exception {
		signIn("admin", "test-admin-password");
		this.jdbc.sql("ALTER TABLE audit_event RENAME TO audit_event_offline").update();
		HttpResponse<String> response;
		try {
			response = get("/audit");
		}
		finally {
			this.jdbc.sql("ALTER TABLE audit_event_offline RENAME TO audit_event").update();
		}
		assertThat(response.statusCode()).isEqualTo(500);
		String id = response.headers().firstValue("X-Correlation-Id").orElseThrow();
		assertThat(response.body()).contains("Something went wrong").contains(id)
			.doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("sql").doesNotContain("at org.");
	}

	@Test
	void badFilterInputIsExplainedPerFieldAndChangesNothing() throws Exception {
		signIn("admin", "test-admin-password");
		HttpResponse<String> response = get("/audit?from=yesterday&outcome=BOGUS&action=DROP%20TABLE&tz=Mars/Base");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("The filter was not applied")
			.contains("may contain only lower-case letters, digits, dots and underscores")
			.contains("tz must be a valid time zone")
			.contains("must be SUCCESS, FAILURE or DENIED")
			.contains("must be a date and time such as");
	}

	@Test
	void aBadExportFilterIsRefusedWithoutAnExport() throws Exception {
		signIn("admin", "test-admin-password");
		HttpResponse<String> response = get("/audit/export.csv?outcome=BOGUS&action=DROP");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("outcome: must be SUCCESS, FAILURE or DENIED")
			.contains("action: may contain only lower-case letters").doesNotContain("seq,occurred_at");
	}

	@Test
	void aCsvExportIsADownloadAndIsAudited() throws Exception {
		signIn("admin", "test-admin-password");
		HttpResponse<String> response = get("/audit/export.csv?action=auth.");
		assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"audit-trail.csv\"");
		assertThat(response.body()).startsWith("seq,occurred_at,actor").contains(",auth.login,admin,SUCCESS,");
		long exports = this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'audit.export' AND actor = 'admin'")
			.query(Long.class).single();
		assertThat(exports).isPositive();
	}

	private void signIn(String user, String password) throws Exception {
		Matcher csrf = CSRF.matcher(get("/login").body());
		assertThat(csrf.find()).isTrue();
		String form = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
		HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(URI.create(url("/login")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/"));
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create(url(path))).header("Accept", "text/html,*/*").GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private String sessionId() {
		return ((CookieManager) this.client.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
			.filter(c -> c.getName().equals("JSESSIONID"))
			.findFirst()
			.orElseThrow()
			.getValue();
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
