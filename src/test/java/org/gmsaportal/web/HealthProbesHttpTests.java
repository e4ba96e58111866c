package org.gmsaportal.web;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probes the Helm chart and Compose use, with the only directory connection pointing at a DC that does not
 * answer (nothing listens on that port; the shared lab DC is left running for the other tests): liveness and
 * readiness stay UP, so a DC outage neither restarts the portal nor takes it out of its Service, while the full
 * health and the wizard show the outage.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"gmsa.directory.connections.corp.urls=ldaps://127.0.0.1:1",
		"gmsa.directory.connections.corp.domain=corp.example",
		"gmsa.directory.connections.corp.bind-user=svc-gmsa@corp.example",
		"gmsa.directory.connections.corp.bind-password=not-a-real-password",
		"gmsa.directory.connections.corp.connect-timeout=2s" })
class HealthProbesHttpTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NORMAL).build();

	@Test
	void livenessAndReadinessStayUpWhileTheDirectoryDoesNotAnswer() throws Exception {
		HttpResponse<String> liveness = get("/actuator/health/liveness");
		HttpResponse<String> readiness = get("/actuator/health/readiness");

		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(liveness.body()).contains("\"status\":\"UP\"");
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(readiness.body()).contains("\"status\":\"UP\"");
		// The full health, which holds the directory, does report the outage: it is for people, not for probes.
		assertThat(get("/actuator/health").statusCode()).isEqualTo(503);
	}

	@Test
	@SuppressWarnings("unchecked")
	void signedInTheFullHealthAndTheWizardShowTheDirectoryAsNotReachable() throws Exception {
		signIn();
		Map<String, Object> components = (Map<String, Object>) JsonParserFactory.getJsonParser()
			.parseMap(get("/actuator/health").body()).get("components");
		Map<String, Object> directory = (Map<String, Object>) components.get("directory");
		assertThat(directory).containsEntry("status", "DOWN");
		assertThat(directory.get("details").toString()).contains("Cannot reach a domain controller of corp.example");
		assertThat(get("/actuator/health/readiness").body()).contains("\"db\"").doesNotContain("directory");

		HttpResponse<String> wizard = get("/wizard");
		assertThat(wizard.statusCode()).isEqualTo(200);
		assertThat(wizard.body()).contains("id=\"directory-status-error\"").contains("Not reachable");
	}

	private void signIn() throws Exception {
		Matcher csrf = CSRF.matcher(get("/login").body());
		assertThat(csrf.find()).isTrue();
		String form = "username=admin&password=" + URLEncoder.encode("test-admin-password", StandardCharsets.UTF_8)
				+ "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(url("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.uri().getPath()).isEqualTo("/");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(url(path)).header("Accept", "text/html,application/json,*/*")
			.GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI url(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
