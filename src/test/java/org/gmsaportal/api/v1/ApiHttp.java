package org.gmsaportal.api.v1;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API as a ticketing system calls it: real HTTP to the portal's port, a bearer token per call, JSON in
 * and out. For the end-to-end tests that run the portal on a random port.
 */
final class ApiHttp {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

	private final String base;

	private final JsonMapper json;

	ApiHttp(String base, JsonMapper json) {
		this.base = base;
		this.json = json;
	}

	Answer get(String path, String token) throws Exception {
		return send(request(path, token).GET());
	}

	/** A POST with an optional Idempotency-Key and an optional JSON body. */
	Answer post(String path, String token, @Nullable String idempotencyKey, @Nullable String body) throws Exception {
		HttpRequest.Builder request = request(path, token);
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return send(request.POST((body != null) ? HttpRequest.BodyPublishers.ofString(body)
				: HttpRequest.BodyPublishers.noBody()));
	}

	private HttpRequest.Builder request(String path, String token) {
		return HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(120))
			.header("Authorization", "Bearer " + token);
	}

	private Answer send(HttpRequest.Builder request) throws Exception {
		HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Answer(response.statusCode(), response.body(), this.json);
	}

	/** One response: status and body, with the body parsed on demand. */
	record Answer(int status, String body, JsonMapper mapper) {

		JsonNode json() {
			return this.mapper.readTree(this.body);
		}

	}

}
