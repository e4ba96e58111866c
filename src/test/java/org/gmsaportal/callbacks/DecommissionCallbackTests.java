package org.gmsaportal.callbacks;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.gmsaportal.directory.Directory;
import org.gmsaportal.provisioning.FiledRequest;
import org.gmsaportal.provisioning.ProvisioningRequests;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.gmsaportal.security.NewApiClient;
import org.gmsaportal.support.FakeDirectory;
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
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A decommission request keeps the source request's callbackUrl only when the client that filed the source files
 * it: callbacks are checked against the filer's allow-list and signed with the filer's secret, so another client's
 * decommission must not send events to the first client's receiver. The directory is the test double
 * {@code FakeDirectory}, every target export-only; the callbacks poll is kept out of the way (once an hour). A
 * decommission the directory blocks is reported as what it is (FAILED, the source still SUCCEEDED) until resumed.
 */
@SpringBootTest(properties = { "gmsa.api.allow-insecure-callbacks=true", "gmsa.api.callbacks.poll-interval=1h" })
@AutoConfigureMockMvc
@Import(FakeDirectoryConfig.class)
class DecommissionCallbackTests {

	private static final String HOOK = "http://127.0.0.1:9/hook";

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiClients clients;

	@Autowired
	ProvisioningRequests store;

	@Autowired
	ProvisioningService provisioning;

	@Autowired
	JsonMapper json;

	@Autowired
	FakeDirectory directory;

	@Test
	void theClientThatFiledTheSourceKeepsItsCallbackOnTheDecommission() throws Exception {
		NewApiClient filer = client(List.of("127.0.0.1"));
		String source = succeeded(filer);
		FiledRequest removal = decommission(filer, source);
		assertThat(this.json.readTree(removal.requestJson()).path("callbackUrl").asString()).isEqualTo(HOOK);
	}

	@Test
	void anotherClientsDecommissionHasNoCallback() throws Exception {
		NewApiClient filer = client(List.of("127.0.0.1"));
		String source = succeeded(filer);
		// requests:approve lets it see other clients' requests; its own allow-list even holds the same host
		NewApiClient other = this.clients.create("dc-other-" + UUID.randomUUID(),
				Set.of(ApiScope.REQUESTS_WRITE, ApiScope.REQUESTS_APPROVE), null, List.of("127.0.0.1"));
		FiledRequest removal = decommission(other, source);
		JsonNode copy = this.json.readTree(removal.requestJson());
		assertThat(copy.has("callbackUrl")).isFalse();
		assertThat(copy.path("account").path("name").asString()).as("the rest of the request is kept")
			.isEqualTo(this.json.readTree(this.store.find(source).orElseThrow().requestJson())
				.path("account").path("name").asString());
		assertThat(removal.requestJson()).doesNotContain("127.0.0.1");
	}

	@Test
	void aDecommissionTheDirectoryBlocksIsNotReportedAsDoneUntilAResumeFinishesIt() throws Exception {
		NewApiClient filer = this.clients.create("dc-reader-" + UUID.randomUUID(),
				Set.of(ApiScope.REQUESTS_WRITE, ApiScope.REQUESTS_READ), null, List.of("127.0.0.1"));
		String source = succeeded(filer);
		String group = this.provisioning.request(this.store.find(source).orElseThrow().runId()).groupName();
		this.directory.blockRemoval(Directory.ObjectType.GROUP, group, "it still has members; remove them, then resume");
		FiledRequest removal = decommission(filer, source);
		MockHttpServletResponse approved = send(post("/api/v1/provisioning-requests/" + removal.id() + "/approval"),
				approver());
		assertThat(approved.getStatus()).as(approved.getContentAsString()).isEqualTo(200);
		String runId = this.json.readTree(approved.getContentAsString()).get("runId").asString();
		assertThat(Waiting.forRun(this.provisioning, runId).state()).isEqualTo(RunState.NEEDS_ATTENTION);

		// What the callbacks send is the request's status: the decommission failed, the source is not decommissioned.
		JsonNode blocked = view(removal.id(), filer);
		assertThat(blocked.get("status").asString()).isEqualTo("FAILED");
		assertThat(blocked.get("steps").toString()).contains("\"state\":\"NEEDS_ATTENTION\"");
		assertThat(view(source, filer).get("status").asString()).isEqualTo("SUCCEEDED");

		this.directory.blockRemoval(Directory.ObjectType.GROUP, group, null);
		this.provisioning.resume(runId);
		assertThat(Waiting.forRun(this.provisioning, runId).state()).isEqualTo(RunState.SUCCEEDED);
		assertThat(view(removal.id(), filer).get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(view(source, filer).get("status").asString()).isEqualTo("DECOMMISSIONED");
	}

	private JsonNode view(String id, NewApiClient client) throws Exception {
		MockHttpServletResponse response = send(get("/api/v1/provisioning-requests/" + id), client);
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
		return this.json.readTree(response.getContentAsString());
	}

	private String succeeded(NewApiClient filer) throws Exception {
		String name = "dc" + UUID.randomUUID().toString().substring(0, 8);
		String body = """
				{ "directory": "lab", "account": { "name": "%s", "encryptionTypes": ["AES256"] },
				  "hosts": { "mode": "domainJoined", "members": ["NODE1$"] },
				  "cluster": { "exportOnly": true, "namespace": "web" },
				  "callbackUrl": "%s" }
				""".formatted(name, HOOK);
		MockHttpServletResponse filed = send(post("/api/v1/provisioning-requests")
			.header("Idempotency-Key", "k-" + UUID.randomUUID()).contentType(MediaType.APPLICATION_JSON).content(body),
				filer);
		assertThat(filed.getStatus()).as(filed.getContentAsString()).isEqualTo(201);
		String id = this.json.readTree(filed.getContentAsString()).get("id").asString();
		MockHttpServletResponse approved = send(post("/api/v1/provisioning-requests/" + id + "/approval"),
				approver());
		assertThat(approved.getStatus()).as(approved.getContentAsString()).isEqualTo(200);
		RunView run = Waiting.forRun(this.provisioning,
				this.json.readTree(approved.getContentAsString()).get("runId").asString());
		assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
		return id;
	}

	private FiledRequest decommission(NewApiClient filer, String source) throws Exception {
		MockHttpServletResponse filed = send(post("/api/v1/provisioning-requests/" + source + "/decommission"), filer);
		assertThat(filed.getStatus()).as(filed.getContentAsString()).isEqualTo(201);
		return this.store.find(this.json.readTree(filed.getContentAsString()).get("id").asString()).orElseThrow();
	}

	private NewApiClient client(List<String> callbackHosts) {
		return this.clients.create("dc-" + UUID.randomUUID(), Set.of(ApiScope.REQUESTS_WRITE), null, callbackHosts);
	}

	private NewApiClient approver() {
		return this.clients.create("dc-approver-" + UUID.randomUUID(), Set.of(ApiScope.REQUESTS_APPROVE), null,
				List.of());
	}

	private MockHttpServletResponse send(MockHttpServletRequestBuilder request, NewApiClient client) throws Exception {
		return this.mvc.perform(request.header(HttpHeaders.AUTHORIZATION, "Bearer " + client.token())).andReturn()
			.getResponse();
	}

}
