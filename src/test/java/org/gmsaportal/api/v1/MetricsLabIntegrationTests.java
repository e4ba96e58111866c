package org.gmsaportal.api.v1;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.gmsaportal.security.ApiScope;
import org.gmsaportal.security.NewApiClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a real run (Samba lab DC, fabric8 mock API server), {@code /actuator/prometheus} shows what the run did:
 * the run and its steps by kind and outcome, the directory and cluster calls, audit appends and the callbacks. A
 * scraper reads it with the bearer token of an API client holding {@code metrics:read}; nobody else may.
 */
class MetricsLabIntegrationTests extends ApiLabSupport {

	@Test
	void aRunShowsInThePrometheusScrape() throws Exception {
		String name = "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 9);
		String body = """
				{ "directory": "lab",
				  "account": { "name": "%1$s", "servicePrincipalNames": ["HTTP/%1$s.lab.test"], "encryptionTypes": ["AES256"] },
				  "hosts": { "mode": "portable", "portableUser": "%1$s-ccg",
				             "plugin": { "type": "kubernetesSecret", "input": "app-ns:%1$s-ccg" } },
				  "cluster": { "connection": "mock", "namespace": "app-ns", "serviceAccount": "webapp-sa",
				               "credentialSpecName": "%1$s-spec" },
				  "callbackUrl": "%2$s" }
				""".formatted(name, this.receiver.url());
		ApiHttp.Answer filed = this.http.post("/api/v1/provisioning-requests", this.filer.token(), "k-" + name, body);
		assertThat(filed.status()).as(filed.body()).isEqualTo(201);
		JsonNode request = filed.json();
		String self = "/api/v1/provisioning-requests/" + request.get("id").asString();
		ApiHttp.Answer approved = this.http.post(self + "/approval", this.approver.token(), null,
				"{\"planHash\":\"" + request.get("planHash").asString() + "\",\"reason\":\"metrics\"}");
		assertThat(approved.status()).as(approved.body()).isEqualTo(200);
		awaitStatus(self, this.filer.token(), "SUCCEEDED");
		awaitCallback(request.get("id").asString(), "SUCCEEDED");
		NewApiClient scraper = this.clients.create("prometheus-" + name, Set.of(ApiScope.METRICS_READ), null, List.of());

		ApiHttp.Answer scrape = this.http.get("/actuator/prometheus", scraper.token());

		assertThat(scrape.status()).as(scrape.body()).isEqualTo(200);
		assertThat(scrape.body())
			.contains("gmsa_run_attempts_seconds_count{kind=\"PROVISION\",outcome=\"succeeded\"}")
			.contains("gmsa_run_steps_seconds_count{kind=\"ENSURE_GMSA\",outcome=\"succeeded\"}")
			.contains("gmsa_run_steps_seconds_count{kind=\"APPLY_TO_CLUSTER\",outcome=\"succeeded\"}")
			.contains("gmsa_directory_calls_seconds_count{exception=\"none\",method=\"ensureGmsa\",outcome=\"success\"}")
			.contains("gmsa_cluster_calls_seconds_count{exception=\"none\",method=\"apply\",outcome=\"success\"}")
			.contains("gmsa_audit_append_seconds_count{outcome=\"success\"}")
			.contains("gmsa_callbacks_deliveries_total{outcome=\"delivered\"}");
	}

	@Test
	void onlyAMetricsClientMayScrape() throws Exception {
		HttpClient anonymous = HttpClient.newHttpClient();
		HttpResponse<String> refused = anonymous.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());
		// a browser without a session is sent to sign in; nothing of the metrics is shown
		assertThat(refused.statusCode()).isEqualTo(302);
		assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
		assertThat(refused.body()).doesNotContain("gmsa_");

		assertThat(this.http.get("/actuator/prometheus", this.auditor.token()).status()).isEqualTo(403);
		assertThat(this.http.get("/actuator/prometheus", "not-a-token").status()).isEqualTo(401);
	}

}
