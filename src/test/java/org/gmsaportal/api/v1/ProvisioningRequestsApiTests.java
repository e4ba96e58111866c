package org.gmsaportal.api.v1;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.provisioning.StepKind;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.gmsaportal.security.NewApiClient;
import org.gmsaportal.support.FakeDirectory;
import org.gmsaportal.support.FakeDirectoryConfig;
import org.gmsaportal.support.Waiting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
 * The provisioning-request endpoints end to end through MockMvc: filing, approval by a second client, the
 * run, the artifacts, separation of duties, idempotency and the scope matrix. The directory is the test
 * double {@code FakeDirectory} (no lab DC here) and every target is export-only (no cluster).
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(FakeDirectoryConfig.class)
class ProvisioningRequestsApiTests {

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

	@Autowired
	FakeDirectory directory;

	static String body(String name) {
		return """
				{ "directory": "lab", "account": { "name": "%s", "encryptionTypes": ["AES256"] },
				  "hosts": { "mode": "domainJoined", "members": ["NODE1$"] },
				  "cluster": { "exportOnly": true, "namespace": "web" },
				  "ticket": { "system": "servicenow", "key": "RITM0012345", "url": "https://sn.example.com/x" } }
				""".formatted(name);
	}

	static String name() {
		return "api" + UUID.randomUUID().toString().substring(0, 8);
	}

	String token(Set<ApiScope> scopes) {
		return "Bearer " + this.clients.create("c-" + UUID.randomUUID(), scopes, null, List.of()).token();
	}

	MockHttpServletResponse file(String bearer, String key, String body) throws Exception {
		return send(post("/api/v1/provisioning-requests").header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON).content(body), bearer);
	}

	MockHttpServletResponse send(MockHttpServletRequestBuilder request, String bearer) throws Exception {
		return this.mvc.perform(request.header(HttpHeaders.AUTHORIZATION, bearer)).andReturn().getResponse();
	}

	JsonNode read(MockHttpServletResponse response) throws Exception {
		return this.json.readTree(response.getContentAsString());
	}

	@Test
	void aFiledRequestApprovedByASecondClientRunsAndServesItsCredentialSpec() throws Exception {
		String filer = token(Set.of(ApiScope.REQUESTS_WRITE, ApiScope.REQUESTS_READ));
		String approver = token(Set.of(ApiScope.REQUESTS_APPROVE, ApiScope.REQUESTS_READ));
		MockHttpServletResponse filed = file(filer, "k-" + UUID.randomUUID(), body(name()));
		assertThat(filed.getStatus()).as(filed.getContentAsString()).isEqualTo(201);
		JsonNode request = read(filed);
		assertThat(request.get("status").asString()).isEqualTo("PENDING_APPROVAL");
		assertThat(request.get("planHash").asString()).matches("[0-9a-f]{64}");
		assertThat(request.get("plan").get("steps").get(0).has("intent")).isTrue();
		String id = request.get("id").asString();
		String uri = "/api/v1/provisioning-requests/" + id;
		assertThat(send(get(uri + "/credential-spec"), filer).getStatus()).isEqualTo(404);

		MockHttpServletResponse approved = send(post(uri + "/approval").contentType(MediaType.APPLICATION_JSON)
			.content("{\"planHash\":\"" + request.get("planHash").asString() + "\",\"reason\":\"CAB ok\"}"), approver);
		assertThat(approved.getStatus()).as(approved.getContentAsString()).isEqualTo(200);
		String runId = read(approved).get("runId").asString();
		RunView run = Waiting.forRun(this.provisioning, runId);
		assertThat(read(send(get(uri), filer)).get("status").asString()).isEqualTo("SUCCEEDED");

		MockHttpServletResponse spec = send(get(uri + "/credential-spec"), filer);
		assertThat(spec.getStatus()).isEqualTo(200);
		String artifact = run.steps().stream().filter(s -> s.kind() == StepKind.GENERATE_CREDSPEC).findFirst()
			.orElseThrow().artifact();
		assertThat(this.json.readTree(spec.getContentAsString())).isEqualTo(this.json.readTree(artifact));
		// Each artifact under the one name the run page and the review give it (issue 12 item 11).
		String specName = "contoso_" + run.gmsaName().toLowerCase(java.util.Locale.ROOT) + ".json";
		assertThat(spec.getHeader(HttpHeaders.CONTENT_DISPOSITION))
			.isEqualTo("attachment; filename=\"" + specName + "\"");
		MockHttpServletResponse manifests = send(get(uri + "/manifests"), filer);
		assertThat(manifests.getContentAsString()).contains("GMSACredentialSpec");
		RunView.StepView export = run.steps().stream().filter(s -> s.kind() == StepKind.EXPORT_BUNDLE).findFirst()
			.orElseThrow();
		String bundleName = export.target() + "-bundle.yaml";
		assertThat(manifests.getHeader(HttpHeaders.CONTENT_DISPOSITION))
			.isEqualTo("attachment; filename=\"" + bundleName + "\"");
		assertThat(export.detail()).startsWith("exported " + bundleName);
		assertThat(manifests.getContentAsString()).startsWith("# " + bundleName + ": ")
			.contains("must exist before this bundle is applied");
		long audited = this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE correlation_id = ? AND ticket_ref = ? "
				+ "AND actor_kind = 'API_CLIENT' AND action IN ('api.request.filed', 'api.request.approved')")
			.params(id, "RITM0012345").query(Long.class).single();
		assertThat(audited).isEqualTo(2);
		JsonNode page = read(send(get("/api/v1/provisioning-requests?ticketKey=RITM0012345&status=SUCCEEDED"), approver));
		assertThat(page.get("items").findValuesAsString("id")).contains(id);

		MockHttpServletResponse decommission = send(post(uri + "/decommission"), filer);
		assertThat(decommission.getStatus()).as(decommission.getContentAsString()).isEqualTo(201);
		String removal = read(decommission).get("id").asString();
		assertThat(read(decommission).get("status").asString()).isEqualTo("PENDING_APPROVAL");
		MockHttpServletResponse removed = send(post("/api/v1/provisioning-requests/" + removal + "/approval"), approver);
		assertThat(removed.getStatus()).as(removed.getContentAsString()).isEqualTo(200);
		Waiting.forRun(this.provisioning, read(removed).get("runId").asString());
		assertThat(read(send(get(uri), filer)).get("status").asString()).isEqualTo("DECOMMISSIONED");
	}

	@Test
	void anApprovalPlansTheRequestOnceAndTheRunStartsFromThatPlan() throws Exception {
		String filer = token(Set.of(ApiScope.REQUESTS_WRITE, ApiScope.REQUESTS_READ));
		String approver = token(Set.of(ApiScope.REQUESTS_APPROVE, ApiScope.REQUESTS_READ));
		JsonNode request = read(file(filer, "k-" + UUID.randomUUID(), body(name())));
		String planHash = request.get("planHash").asString();
		int before = this.directory.plansOnThisThread();

		MockHttpServletResponse approved = send(post("/api/v1/provisioning-requests/" + request.get("id").asString()
				+ "/approval"), approver);

		assertThat(approved.getStatus()).as(approved.getContentAsString()).isEqualTo(200);
		// Issue 11: the approval plans once more, to check the hash it binds, and the run starts from that plan.
		assertThat(this.directory.plansOnThisThread() - before).isEqualTo(1);
		RunView run = Waiting.forRun(this.provisioning, read(approved).get("runId").asString());
		assertThat(run.planHash()).isEqualTo(planHash);
	}

	@Test
	void aClientMayNotApproveWhatItFiled() throws Exception {
		String both = token(Set.of(ApiScope.REQUESTS_WRITE, ApiScope.REQUESTS_APPROVE));
		String id = read(file(both, "k-" + UUID.randomUUID(), body(name()))).get("id").asString();
		MockHttpServletResponse refused = send(post("/api/v1/provisioning-requests/" + id + "/approval"), both);
		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(refused.getContentType()).startsWith("application/problem+json");
		assertThat(refused.getContentAsString()).contains("Separation of duties");
	}

	@Test
	void aSecondClientRejectsWithAReasonAndTheRequestNeverRuns() throws Exception {
		String filer = token(Set.of(ApiScope.REQUESTS_WRITE, ApiScope.REQUESTS_READ, ApiScope.REQUESTS_APPROVE));
		String approver = token(Set.of(ApiScope.REQUESTS_APPROVE, ApiScope.REQUESTS_READ));
		JsonNode filed = read(file(filer, "k-" + UUID.randomUUID(), body(name())));
		assertThat(filed.get("links").get("rejection").asString()).endsWith("/rejection");
		String uri = "/api/v1/provisioning-requests/" + filed.get("id").asString();

		MockHttpServletResponse own = send(post(uri + "/rejection").contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\":\"mine\"}"), filer);
		assertThat(own.getStatus()).isEqualTo(403);
		assertThat(own.getContentAsString()).contains("Separation of duties");
		for (String bad : List.of("", "{}", "{\"reason\":\"  \"}", "{\"reason\":42}", "{\"reason\":\"x\",\"why\":1}",
				"{\"reason\":\"" + "x".repeat(1001) + "\"}", "[1]", "{")) {
			MockHttpServletResponse refused = send(post(uri + "/rejection").contentType(MediaType.APPLICATION_JSON)
				.content(bad), approver);
			assertThat(refused.getStatus()).as(bad).isEqualTo(400);
			assertThat(refused.getContentType()).startsWith("application/problem+json");
		}
		assertThat(read(send(get(uri), filer)).get("status").asString()).isEqualTo("PENDING_APPROVAL");

		MockHttpServletResponse rejected = send(post(uri + "/rejection").contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\":\"Use the shared gMSA instead\"}"), approver);
		assertThat(rejected.getStatus()).as(rejected.getContentAsString()).isEqualTo(200);
		JsonNode view = read(send(get(uri), filer));
		assertThat(view.get("status").asString()).isEqualTo("REJECTED");
		assertThat(view.get("rejectionReason").asString()).isEqualTo("Use the shared gMSA instead");
		assertThat(view.get("runId").isNull()).isTrue();
		assertThat(view.get("links").has("approval")).isFalse();
		assertThat(send(post(uri + "/approval"), approver).getStatus()).isEqualTo(409);
		assertThat(send(post(uri + "/rejection").contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\":\"again\"}"), approver).getStatus()).isEqualTo(409);
		long audited = this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE correlation_id = ? AND ticket_ref = ? "
				+ "AND actor_kind = 'API_CLIENT' AND action = 'api.request.rejected'")
			.params(filed.get("id").asString(), "RITM0012345").query(Long.class).single();
		assertThat(audited).isEqualTo(1);
		JsonNode page = read(send(get("/api/v1/provisioning-requests?status=REJECTED&ticketKey=RITM0012345"), approver));
		assertThat(page.get("items").findValuesAsString("id")).contains(filed.get("id").asString());
	}

	@Test
	void anAutoApproveClientStillWaitsWhileThePolicyRequiresApproval() throws Exception {
		NewApiClient marked = this.clients.create("c-" + UUID.randomUUID(), Set.of(ApiScope.REQUESTS_WRITE), null,
				List.of(), true);
		assertThat(this.clients.approvalPolicy()).isEqualTo("required");
		JsonNode filed = read(file("Bearer " + marked.token(), "k-" + UUID.randomUUID(), body(name())));
		assertThat(filed.get("status").asString()).isEqualTo("PENDING_APPROVAL");
		assertThat(filed.get("runId").isNull()).isTrue();
	}

	@Test
	void aReplayAnswersTheOriginalResponseAndADifferentBodyIs422() throws Exception {
		String filer = token(Set.of(ApiScope.REQUESTS_WRITE));
		String key = "k-" + UUID.randomUUID();
		String body = body(name());
		MockHttpServletResponse first = file(filer, key, body);
		MockHttpServletResponse again = file(filer, key, body);
		assertThat(again.getStatus()).isEqualTo(201);
		assertThat(read(again)).isEqualTo(read(first));
		assertThat(rows(key)).isEqualTo(1);
		MockHttpServletResponse changed = file(filer, key, body(name()));
		assertThat(changed.getStatus()).isEqualTo(422);
		assertThat(changed.getContentType()).startsWith("application/problem+json");
		assertThat(rows(key)).isEqualTo(1);
	}

	@Test
	void concurrentDuplicatesFileOneRequest() throws Exception {
		String filer = token(Set.of(ApiScope.REQUESTS_WRITE));
		String key = "k-" + UUID.randomUUID();
		String body = body(name());
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Callable<MockHttpServletResponse> call = () -> file(filer, key, body);
			List<Future<MockHttpServletResponse>> results = pool.invokeAll(List.of(call, call));
			List<Integer> statuses = results.stream().map(f -> {
				try {
					return f.get().getStatus();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}).toList();
			assertThat(statuses).contains(201).allMatch(s -> s == 201 || s == 409);
		}
		finally {
			pool.shutdown();
		}
		assertThat(rows(key)).isEqualTo(1);
	}

	static Stream<Arguments> scopes() {
		String id = "/api/v1/provisioning-requests/00000000-0000-0000-0000-000000000000";
		return Stream.of(Arguments.of("POST", "/api/v1/provisioning-requests", ApiScope.REQUESTS_WRITE),
				Arguments.of("GET", "/api/v1/provisioning-requests", ApiScope.REQUESTS_READ),
				Arguments.of("GET", id, ApiScope.REQUESTS_READ),
				Arguments.of("GET", id + "/credential-spec", ApiScope.REQUESTS_READ),
				Arguments.of("GET", id + "/manifests", ApiScope.REQUESTS_READ),
				Arguments.of("POST", id + "/approval", ApiScope.REQUESTS_APPROVE),
				Arguments.of("POST", id + "/rejection", ApiScope.REQUESTS_APPROVE),
				Arguments.of("POST", id + "/decommission", ApiScope.REQUESTS_WRITE));
	}

	@ParameterizedTest(name = "{0} {1}: 401 without token, 403 with a wrong scope, through with {2}")
	@MethodSource("scopes")
	void eachEndpointNeedsItsScope(String method, String path, ApiScope scope) throws Exception {
		MockHttpServletRequestBuilder request = method.equals("POST") ? post(path) : get(path);
		assertThat(this.mvc.perform(request).andReturn().getResponse().getStatus()).isEqualTo(401);
		ApiScope wrong = (scope == ApiScope.AUDIT_READ) ? ApiScope.REQUESTS_READ : ApiScope.AUDIT_READ;
		assertThat(send(method.equals("POST") ? post(path) : get(path), token(Set.of(wrong))).getStatus())
			.isEqualTo(403);
		int right = send(method.equals("POST") ? post(path) : get(path), token(Set.of(scope))).getStatus();
		// through the security layer: the controller answers (400 for a POST without body or key, 404 for no such id)
		assertThat(right).isIn(200, 400, 404);
	}

	private long rows(String key) {
		return this.jdbc.sql("SELECT COUNT(*) FROM api_request WHERE idempotency_key = ?").param(key)
			.query(Long.class).single();
	}

}
