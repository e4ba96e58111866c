package org.gmsaportal.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API over real HTTP, through the servlet container's error handling too: refusals are problem
 * details with a Bearer challenge, never a redirect or a session cookie.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ApiOverHttpTests {

	@LocalServerPort
	int port;

	@Autowired
	ApiClients clients;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void refusalsAndAnswersOverHttp() throws Exception {
		HttpResponse<String> anonymous = get("/api/v1/audit-events", null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"gmsa-portal\"");
		assertThat(anonymous.headers().firstValue("Set-Cookie")).isEmpty();

		String token = this.clients.create("http-" + UUID.randomUUID(), Set.of(ApiScope.AUDIT_READ), null, List.of())
			.token();
		HttpResponse<String> ok = get("/api/v1/audit-events?limit=1", token);
		assertThat(ok.statusCode()).isEqualTo(200);
		assertThat(ok.body()).contains("\"events\"", "\"nextCursor\"");
		assertThat(ok.headers().firstValue("Set-Cookie")).isEmpty();

		HttpResponse<String> bad = get("/api/v1/audit-events?limit=-5", token);
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("\"field\":\"limit\"");
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
