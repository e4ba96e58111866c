package org.gmsaportal.api.v1;

import java.util.List;
import java.util.UUID;

import org.gmsaportal.support.Waiting;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail of one API-filed request against the Samba lab DC and fabric8's mock API server (see
 * {@link ApiLabSupport}): filed, approved by another client, run to success, decommissioned. One query by the
 * request id, and one by its ticket, return the whole trail in order; the run's directory and cluster writes name
 * the approving client as their actor, so "who created this gMSA" is one filter.
 */
class AuditTrailLabIntegrationTests extends ApiLabSupport {

	@Autowired
	JdbcClient jdbc;

	@Test
	void oneQueryByRequestIdOrTicketReturnsTheWholeTrailAndTheRunActsAsItsApprover() throws Exception {
		String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 9);
		String ticket = "RITM" + name.substring(1, 8).toUpperCase();
		String body = """
				{ "directory": "lab",
				  "account": { "name": "%1$s", "encryptionTypes": ["AES256"] },
				  "hosts": { "mode": "portable", "portableUser": "%1$s-ccg",
				             "plugin": { "type": "kubernetesSecret", "input": "app-ns:%1$s-ccg" } },
				  "cluster": { "connection": "mock", "namespace": "app-ns", "serviceAccount": "webapp-sa",
				               "credentialSpecName": "%1$s-spec" },
				  "ticket": { "system": "servicenow", "key": "%2$s" },
				  "callbackUrl": "%3$s" }
				""".formatted(name, ticket, this.receiver.url());
		ApiHttp.Answer filed = this.http.post("/api/v1/provisioning-requests", this.filer.token(), "k-" + name, body);
		assertThat(filed.status()).as(filed.body()).isEqualTo(201);
		String id = filed.json().get("id").asString();
		String self = "/api/v1/provisioning-requests/" + id;
		ApiHttp.Answer approved = this.http.post(self + "/approval", this.approver.token(), null,
				"{\"planHash\":\"" + filed.json().get("planHash").asString() + "\"}");
		assertThat(approved.status()).as(approved.body()).isEqualTo(200);
		String runId = approved.json().get("runId").asString();
		awaitStatus(self, this.filer.token(), "SUCCEEDED");
		awaitCallback(id, "SUCCEEDED");

		ApiHttp.Answer removal = this.http.post(self + "/decommission", this.filer.token(), null, null);
		assertThat(removal.status()).as(removal.body()).isEqualTo(201);
		String removalId = removal.json().get("id").asString();
		String removalSelf = "/api/v1/provisioning-requests/" + removalId;
		ApiHttp.Answer removalApproved = this.http.post(removalSelf + "/approval", this.approver.token(), null,
				"{\"planHash\":\"" + removal.json().get("planHash").asString() + "\"}");
		assertThat(removalApproved.status()).as(removalApproved.body()).isEqualTo(200);
		String removalRunId = removalApproved.json().get("runId").asString();
		awaitStatus(removalSelf, this.filer.token(), "SUCCEEDED");
		awaitCallback(id, "DECOMMISSIONED");

		// Everything recorded under the request's, its run's, the decommission request's and its run's ids. The
		// portal records a callback's delivery just after the receiver answered, so the trail is read once it settled.
		Waiting.until("the request's trail to hold everything recorded under its ids",
				() -> recorded(id, runId, removalId, removalRunId).equals(seqs(events(id))), settled -> settled);
		List<JsonNode> trail = events(id);
		List<Long> recorded = recorded(id, runId, removalId, removalRunId);
		assertThat(trail).extracting(e -> e.get("seq").asLong()).containsExactlyElementsOf(recorded);
		assertThat(trail).extracting(e -> e.get("action").asString())
			.containsSubsequence("api.request.filed", "api.request.approved", "provisioning.run.started",
					"provisioning.step.ensure-gmsa", "directory.gmsa.ensure.intent", "directory.gmsa.ensure",
					"cluster.object.apply", "provisioning.run.succeeded", "api.request.decommission-filed",
					"api.request.approved", "provisioning.run.started", "cluster.object.delete",
					"directory.object.delete", "provisioning.run.succeeded")
			.contains("api.callback.delivered");
		assertThat(events("/api/v1/audit-events?limit=1000&ticket=" + ticket, this.auditor.token()))
			.as("the same trail by its ticket").extracting(e -> e.get("seq").asLong())
			.containsExactlyElementsOf(recorded);

		// The run's writes name the client whose approval started it; callbacks are the portal's own work.
		String approver = this.approver.client().name();
		assertThat(trail).filteredOn(e -> runId.equals(text(e, "correlationId"))
				|| removalRunId.equals(text(e, "correlationId")))
			.isNotEmpty()
			.allSatisfy(e -> assertThat(e.get("actor").asString() + "/" + e.get("actorKind").asString())
				.as(e.get("action").asString()).isEqualTo(approver + "/API_CLIENT"));
		assertThat(trail).filteredOn(e -> e.get("action").asString().startsWith("api.callback."))
			.allSatisfy(e -> assertThat(e.get("actor").asString()).isEqualTo("system"));
		List<JsonNode> creators = events("/api/v1/audit-events?limit=1000&action=directory.gmsa.ensure&actor="
				+ approver, this.auditor.token());
		assertThat(creators).filteredOn(e -> e.get("target").asString().startsWith("CN=" + name + ","))
			.filteredOn(e -> e.get("action").asString().equals("directory.gmsa.ensure"))
			.singleElement()
			.satisfies(e -> {
				assertThat(e.get("details").get("result").asString()).isEqualTo("CREATED");
				// A fact about the password, not the password: kept.
				assertThat(e.get("details").get("msDS-ManagedPasswordInterval").isNumber()).as("%s", e).isTrue();
			});
		assertThat(trail).filteredOn(e -> e.get("action").asString().equals("directory.gmsa.password-proof"))
			.singleElement()
			.satisfies(e -> assertThat(e.get("details").get("previousPasswordPresent").isBoolean()).isTrue());
		assertChainValid();
	}

	private List<Long> recorded(String... correlationIds) {
		return this.jdbc.sql("SELECT seq FROM audit_event WHERE correlation_id IN (?, ?, ?, ?) ORDER BY seq")
			.params((Object[]) correlationIds).query(Long.class).list();
	}

	private static List<Long> seqs(List<JsonNode> events) {
		return events.stream().map(e -> e.get("seq").asLong()).toList();
	}

		private List<JsonNode> events(String path, String token) throws Exception {
		ApiHttp.Answer page = this.http.get(path, token);
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		assertThat(page.json().get("nextCursor").isNull()).isTrue();
		return page.json().get("events").valueStream().toList();
	}

	private static String text(JsonNode event, String field) {
		JsonNode value = event.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

}
