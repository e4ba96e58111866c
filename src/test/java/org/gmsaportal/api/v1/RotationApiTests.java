package org.gmsaportal.api.v1;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.gmsaportal.provisioning.Hosts;
import org.gmsaportal.provisioning.ProvisioningRequest;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.provisioning.SecretDelivery;
import org.gmsaportal.provisioning.StepKind;
import org.gmsaportal.provisioning.Target;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.gmsaportal.support.FakeDirectoryConfig;
import org.gmsaportal.support.Waiting;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * {@code POST /api/v1/provisioning-requests/{id}/rotation} through MockMvc: its scope, 404 for a request the client
 * cannot see, 409 for a request whose run wrote no identity to a secret store, and a new ROTATION request pending
 * approval for one that did. The directory is the test double {@code FakeDirectory}; the rotation's run itself is
 * tested against the lab DC ({@code RotationLabIntegrationTests}).
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(FakeDirectoryConfig.class)
class RotationApiTests {

	private static final String REQUESTS = "/api/v1/provisioning-requests/";

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiClients clients;

	@Autowired
	ProvisioningService provisioning;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Test
	void rotationNeedsRequestsWriteAndAnswers404ForAnUnknownRequest() throws Exception {
		String path = REQUESTS + UUID.randomUUID() + "/rotation";
		assertThat(this.mvc.perform(post(path)).andReturn().getResponse().getStatus()).isEqualTo(401);
		assertThat(send(post(path), token(Set.of(ApiScope.REQUESTS_READ, ApiScope.REQUESTS_APPROVE))).getStatus())
			.isEqualTo(403);
		assertThat(send(post(path), token(Set.of(ApiScope.REQUESTS_WRITE))).getStatus()).isEqualTo(404);
	}

	@Test
	void aRequestWithoutAnIdentityInAStoreIsAConflictAndNothingIsFiled() throws Exception {
		String filer = token(Set.of(ApiScope.REQUESTS_WRITE, ApiScope.REQUESTS_READ));
		String id = succeeded(filer, portableBody(name()));
		long before = requests();

		MockHttpServletResponse refused = send(post(REQUESTS + id + "/rotation"), filer);
		assertThat(refused.getStatus()).as(refused.getContentAsString()).isEqualTo(409);
		assertThat(refused.getContentAsString()).contains("wrote no portable identity to a secret store")
			.doesNotContain("Exception");
		assertThat(requests()).as("nothing filed").isEqualTo(before);
	}

	@Test
	void aRequestWhoseRunWroteTheStoreGetsARotationRequestPendingApproval() throws Exception {
		String filer = token(Set.of(ApiScope.REQUESTS_WRITE, ApiScope.REQUESTS_READ));
		String id = succeeded(filer, portableBody(name()));
		recordAsStoreDelivered(read(send(get(REQUESTS + id), filer)).get("runId").asString());

		MockHttpServletResponse filed = send(post(REQUESTS + id + "/rotation"), filer);
		assertThat(filed.getStatus()).as(filed.getContentAsString()).isEqualTo(201);
		JsonNode rotation = read(filed);
		assertThat(rotation.get("kind").asString()).isEqualTo("ROTATION");
		assertThat(rotation.get("status").asString()).isEqualTo("PENDING_APPROVAL");
		assertThat(rotation.get("links").get("rotates").asString()).isEqualTo(REQUESTS + id);
		assertThat(rotation.get("plan").get("steps").findValuesAsString("kind"))
			.containsExactly("SET_PORTABLE_PASSWORD", "WRITE_PORTABLE_SECRET", "PROVE_RETRIEVAL");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'api.request.rotation-filed' "
				+ "AND correlation_id = ?").param(rotation.get("id").asString()).query(Long.class).single())
			.isEqualTo(1);
	}

	/** Files and approves a request (a second client approves) and waits for its run to succeed. */
	private String succeeded(String filer, String body) throws Exception {
		MockHttpServletResponse filed = send(post("/api/v1/provisioning-requests").header("Idempotency-Key",
				"k-" + UUID.randomUUID()).contentType(MediaType.APPLICATION_JSON).content(body), filer);
		assertThat(filed.getStatus()).as(filed.getContentAsString()).isEqualTo(201);
		String id = read(filed).get("id").asString();
		MockHttpServletResponse approved = send(post(REQUESTS + id + "/approval"),
				token(Set.of(ApiScope.REQUESTS_APPROVE, ApiScope.REQUESTS_READ)));
		assertThat(approved.getStatus()).as(approved.getContentAsString()).isEqualTo(200);
		RunView run = Waiting.forRun(this.provisioning, read(approved).get("runId").asString());
		assertThat(run.state()).as("%s", run.failure()).isEqualTo(RunState.SUCCEEDED);
		return id;
	}

	/**
	 * The filing body cannot ask for store delivery on this branch, and the test double has no cluster: the run is
	 * recorded afterwards as one whose identity went to a Kubernetes Secret through its store step.
	 */
	private void recordAsStoreDelivered(String runId) {
		ProvisioningRequest manual = this.provisioning.request(runId);
		Hosts.Portable portable = (Hosts.Portable) manual.hosts();
		ProvisioningRequest stored = new ProvisioningRequest(manual.directoryConnection(), manual.gmsaName(),
				manual.dnsHostName(), manual.spns(), manual.encryptionTypes(), manual.kdsRootKey(), manual.groupName(),
				new Hosts.Portable(portable.userName(), portable.pluginGuid(), portable.pluginInput(),
						SecretDelivery.STORE),
				new Target.Cluster("lab", manual.target().namespace(), "webapp", manual.target().credSpecName(),
						List.of(), null),
				manual.ticketRef());
		this.jdbc.sql("UPDATE provisioning_run SET request_json = ? WHERE id = ?")
			.params(this.json.writeValueAsString(stored), runId).update();
		this.jdbc.sql("INSERT INTO provisioning_step (run_id, idx, kind, target, intent, description, state, attempts) "
				+ "VALUES (?, 99, ?, 'web/x', 'APPLY', 'write', 'SUCCEEDED', 1)")
			.params(runId, StepKind.WRITE_PORTABLE_SECRET.name()).update();
	}

	private static String portableBody(String name) {
		return """
				{ "directory": "lab", "account": { "name": "%1$s", "encryptionTypes": ["AES256"] },
				  "hosts": { "mode": "portable", "portableUser": "%1$s-ccg",
				             "plugin": { "type": "kubernetesSecret", "input": "web:%1$s-ccg" } },
				  "cluster": { "exportOnly": true, "namespace": "web" } }
				""".formatted(name);
	}

	private static String name() {
		return "rot" + UUID.randomUUID().toString().substring(0, 8);
	}

	private String token(Set<ApiScope> scopes) {
		return "Bearer " + this.clients.create("c-" + UUID.randomUUID(), scopes, null, List.of()).token();
	}

	private MockHttpServletResponse send(MockHttpServletRequestBuilder request, String bearer) throws Exception {
		return this.mvc.perform(request.header(HttpHeaders.AUTHORIZATION, bearer)).andReturn().getResponse();
	}

	private JsonNode read(MockHttpServletResponse response) throws Exception {
		return this.json.readTree(response.getContentAsString());
	}

	private long requests() {
		return this.jdbc.sql("SELECT COUNT(*) FROM api_request").query(Long.class).single();
	}

}
