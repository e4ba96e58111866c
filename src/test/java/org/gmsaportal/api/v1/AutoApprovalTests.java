package org.gmsaportal.api.v1;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.gmsaportal.provisioning.ProvisioningRequests;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.gmsaportal.security.NewApiClient;
import org.gmsaportal.support.FakeDirectoryConfig;
import org.gmsaportal.support.Waiting;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gmsaportal.api.v1.ExportOnlyFilings.body;
import static org.gmsaportal.api.v1.ExportOnlyFilings.file;

/**
 * The per-client approval policy: a request filed by a client an ADMIN marked auto-approve is approved at filing,
 * attributed to the policy and the client, and its run started; other clients' requests still wait; a run the
 * engine refuses to start leaves the request pending. The directory is the test double {@code FakeDirectory}
 * and every target is export-only (no cluster).
 */
@SpringBootTest(properties = "gmsa.api.approval=per-client")
@AutoConfigureMockMvc
@Import(FakeDirectoryConfig.class)
class AutoApprovalTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiClients clients;

	@Autowired
	ProvisioningRequests store;

	@Autowired
	ProvisioningService provisioning;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Test
	void aMarkedClientsRequestIsApprovedByThePolicyAndRunsAtFiling() throws Exception {
		NewApiClient marked = client(true);
		String key = "k-" + UUID.randomUUID();
		String body = body("auto" + UUID.randomUUID().toString().substring(0, 8), "RITM7");
		MockHttpServletResponse response = file(this.mvc, marked, key, body);
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
		JsonNode filed = this.json.readTree(response.getContentAsString());
		assertThat(filed.get("status").asString()).isIn("RUNNING", "SUCCEEDED");
		String id = filed.get("id").asString();
		String policy = marked.client().name() + " (auto-approve policy)";
		RunView run = Waiting.forRun(this.provisioning, filed.get("runId").asString());
		assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
		assertThat(run.approvedBy()).isEqualTo(policy);
		assertThat(this.store.find(id).orElseThrow().decision()).isNotNull()
			.satisfies(d -> assertThat(d.by()).isEqualTo(policy));
		// The policy decides, not the client (which may not approve its own filing): the portal's own decision.
		long approved = this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE correlation_id = ? AND action = "
				+ "'api.request.approved' AND actor = 'system' AND actor_kind = 'SYSTEM' AND ticket_ref = 'RITM7' "
				+ "AND details LIKE '%\"policy\":\"auto-approve\"%' AND details LIKE ?")
			.params(id, "%\"filedBy\":\"" + marked.client().id() + "\"%").query(Long.class).single();
		assertThat(approved).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT DISTINCT actor FROM audit_event WHERE correlation_id = ?").param(run.id())
			.query(String.class).list()).as("the policy's run acts as the portal").containsExactly("system");
		MockHttpServletResponse replay = file(this.mvc, marked, key, body);
		assertThat(this.json.readTree(replay.getContentAsString())).isEqualTo(filed);
	}

	@Test
	void anUnmarkedClientsRequestStillWaits() throws Exception {
		MockHttpServletResponse response = file(this.mvc, client(false), "k-" + UUID.randomUUID(),
				body("wait" + UUID.randomUUID().toString().substring(0, 8), "RITM7"));
		JsonNode filed = this.json.readTree(response.getContentAsString());
		assertThat(filed.get("status").asString()).isEqualTo("PENDING_APPROVAL");
		assertThat(filed.get("runId").isNull()).isTrue();
	}

	@Test
	void aRunTheEngineRefusesToStartLeavesTheRequestPending() throws Exception {
		String name = "dup" + UUID.randomUUID().toString().substring(0, 8);
		String domain = this.json.readTree(file(this.mvc, client(false), "k-" + UUID.randomUUID(), body(name, "RITM7"))
			.getContentAsString()).get("plan").get("domain").asString();
		// another run holds the name (the engine's lock row, as a run in progress leaves it)
		this.jdbc.sql("INSERT INTO provisioning_claim (domain, gmsa_name, run_id, claimed_at) VALUES (?, ?, ?, ?)")
			.params(domain, name, UUID.randomUUID().toString(), java.time.OffsetDateTime.now()).update();
		MockHttpServletResponse response = file(this.mvc, client(true), "k-" + UUID.randomUUID(), body(name, "RITM7"));
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
		JsonNode filed = this.json.readTree(response.getContentAsString());
		assertThat(filed.get("status").asString()).isEqualTo("PENDING_APPROVAL");
		assertThat(filed.get("runId").isNull()).isTrue();
		String id = filed.get("id").asString();
		assertThat(this.store.find(id).orElseThrow().decision()).as("the approval did not stand").isNull();
		long refused = this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE correlation_id = ? AND action = "
				+ "'api.request.start-refused' AND outcome = 'FAILURE' AND details LIKE '%already being provisioned%'")
			.param(id).query(Long.class).single();
		assertThat(refused).isEqualTo(1);
	}

	private NewApiClient client(boolean autoApprove) {
		return this.clients.create("auto-" + UUID.randomUUID(), Set.of(ApiScope.REQUESTS_WRITE), null, List.of(),
				autoApprove);
	}

}
