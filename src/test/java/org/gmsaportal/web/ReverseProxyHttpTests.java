package org.gmsaportal.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal behind a TLS-terminating proxy, as the README's runbook and the Helm chart configure it
 * ({@code GMSA_FORWARD_HEADERS_STRATEGY=native}, the proxy's address trusted): a request the proxy says came over
 * HTTPS gets HSTS and a Secure session cookie; a request that did not, neither.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "GMSA_FORWARD_HEADERS_STRATEGY=native", "GMSA_TRUSTED_PROXIES=127\\.0\\.0\\.1" })
class ReverseProxyHttpTests {

	@LocalServerPort
	int port;

	private final HttpClient client = HttpClient.newHttpClient();

	@Test
	void aRequestTheProxyReceivedOverHttpsGetsHstsAndASecureSessionCookie() throws Exception {
		HttpResponse<String> login = get(true);

		assertThat(login.headers().firstValue("Strict-Transport-Security"))
			.hasValueSatisfying(v -> assertThat(v).startsWith("max-age=31536000"));
		assertThat(login.headers().firstValue("Set-Cookie"))
			.hasValueSatisfying(c -> assertThat(c).startsWith("JSESSIONID=").contains("Secure").contains("HttpOnly"));
	}

	@Test
	void aPlainHttpRequestGetsNeitherHstsNorASecureCookie() throws Exception {
		HttpResponse<String> login = get(false);

		assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
		assertThat(login.headers().firstValue("Set-Cookie"))
			.hasValueSatisfying(c -> assertThat(c).doesNotContain("Secure"));
	}

	@Test
	void redirectsNameTheHostAndSchemeThePersonUsed() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/"))
			.header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "gmsa.corp.example").GET().build();
		HttpResponse<String> root = this.client.send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(root.statusCode()).isEqualTo(302);
		assertThat(root.headers().firstValue("Location")).hasValue("https://gmsa.corp.example/login");
	}

	private HttpResponse<String> get(boolean overHttps) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/login"));
		if (overHttps) {
			request.header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "203.0.113.9");
		}
		return this.client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
	}

}
