package org.gmsaportal.web.requests;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.gmsaportal.callbacks.CallbackAttemptRepository;
import org.gmsaportal.provisioning.FiledRequest;
import org.gmsaportal.provisioning.ProvisioningRequests;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RequestStatus;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.gmsaportal.security.NewApiClient;
import org.gmsaportal.support.FakeDirectoryConfig;
import org.gmsaportal.support.Waiting;
import org.jspecify.annotations.Nullable;
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
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The review pages of API-filed requests: an ADMIN sees the plan with its commands, the ticket and the callback
 * log, and approves or rejects; each decision goes through the API's engine, attributed to the ADMIN and audited;
 * an AUDITOR sees the same pages and cannot act. The directory is the test double {@code FakeDirectory} and
 * every target is export-only (no cluster).
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(FakeDirectoryConfig.class)
class ApiRequestsPageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiClients clients;

	@Autowired
	ProvisioningService provisioning;

	@Autowired
	ProvisioningRequests store;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Test
	void anAdminReviewsThePlanAndApprovesItAsHimself() throws Exception {
		NewApiClient filer = client("servicenow-");
		JsonNode filed = file(filer, "page" + suffix());
		String id = filed.get("id").asString();
		String planHash = filed.get("planHash").asString();

		String list = page(get("/api-requests").param("status", "PENDING_APPROVAL").param("ticket", "RITM0099"), admin());
		assertThat(list).contains(id, filer.client().name(), "RITM0099");
		assertThat(page(get("/api-requests").param("status", "SUCCEEDED"), admin())).doesNotContain(id);
		String detail = page(get("/api-requests/" + id), admin());
		assertThat(detail).contains(planHash, "New-ADServiceAccount -Name", "Add-ADGroupMember", "NODE1$",
				"href=\"https://sn.example.com/ticket/RITM0099\"", "approve-form", "reject-form", "RITM0099");

		MockHttpServletResponse approved = this.mvc.perform(post("/api-requests/" + id + "/approval")
			.param("planHash", planHash).param("reason", "CAB 42").with(admin()).with(csrf())).andReturn().getResponse();
		assertThat(approved.getStatus()).isEqualTo(302);
		assertThat(approved.getRedirectedUrl()).isEqualTo("/api-requests/" + id);
		RunView run = Waiting.forRun(this.provisioning, stored(id).runId());
		assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
		assertThat(run.approvedBy()).isEqualTo("page-admin");
		assertThat(stored(id).decision()).isNotNull().satisfies(d -> {
			assertThat(d.verdict()).isEqualTo(RequestStatus.APPROVED);
			assertThat(d.by()).isEqualTo("page-admin");
			assertThat(d.reason()).isEqualTo("CAB 42");
		});
		assertThat(audited(id, "api.request.approved", "page-admin", "PERSON")).isEqualTo(1);
		String after = page(get("/api-requests/" + id), admin());
		assertThat(after).contains("/runs/" + run.id(), "SUCCEEDED", "CAB 42").doesNotContain("approve-form");
	}

	@Test
	void aRejectionNeedsAReasonAndIsFinal() throws Exception {
		String id = file(client("jira-"), "rej" + suffix()).get("id").asString();
		MockHttpServletResponse blank = this.mvc.perform(post("/api-requests/" + id + "/rejection").param("reason", "  ")
			.with(admin()).with(csrf())).andReturn().getResponse();
		assertThat(blank.getStatus()).isEqualTo(200);
		assertThat(blank.getContentAsString()).contains("Give a reason for the rejection.");
		assertThat(stored(id).status()).isEqualTo(RequestStatus.PENDING_APPROVAL);

		MockHttpServletResponse rejected = this.mvc.perform(post("/api-requests/" + id + "/rejection")
			.param("reason", "No gMSA for test systems").with(admin()).with(csrf())).andReturn().getResponse();
		assertThat(rejected.getStatus()).isEqualTo(302);
		assertThat(stored(id).status()).isEqualTo(RequestStatus.REJECTED);
		assertThat(audited(id, "api.request.rejected", "page-admin", "PERSON")).isEqualTo(1);
		String details = this.jdbc.sql("SELECT details FROM audit_event WHERE correlation_id = ? AND action = "
				+ "'api.request.rejected'").param(id).query(String.class).single();
		assertThat(details).contains("No gMSA for test systems");

		String hash = stored(id).planHash();
		String again = this.mvc.perform(post("/api-requests/" + id + "/approval").param("planHash", hash)
			.with(admin()).with(csrf())).andReturn().getResponse().getContentAsString();
		assertThat(again).contains("The request is REJECTED");
		assertThat(stored(id).runId()).isNull();
		assertThat(page(get("/api-requests").param("status", "REJECTED"), admin())).contains(id);
	}

	@Test
	void anApprovalOfAnotherPlanThanTheCurrentOneIsRefused() throws Exception {
		String id = file(client("stale-"), "stale" + suffix()).get("id").asString();
		String page = this.mvc.perform(post("/api-requests/" + id + "/approval").param("planHash", "0".repeat(64))
			.with(admin()).with(csrf())).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("but the current plan is");
		assertThat(stored(id).status()).isEqualTo(RequestStatus.PENDING_APPROVAL);
		assertThat(stored(id).runId()).isNull();
		assertThat(audited(id, "api.request.approved", "page-admin", "PERSON")).isZero();
	}

	@Test
	void anAuditorSeesTheRequestButCannotDecide() throws Exception {
		String id = file(client("audit-"), "aud" + suffix()).get("id").asString();
		String detail = page(get("/api-requests/" + id), auditor());
		assertThat(detail).contains(id).doesNotContain("approve-form").doesNotContain("reject-form");
		int approve = this.mvc.perform(post("/api-requests/" + id + "/approval").param("planHash", stored(id).planHash())
			.with(auditor()).with(csrf())).andReturn().getResponse().getStatus();
		int reject = this.mvc.perform(post("/api-requests/" + id + "/rejection").param("reason", "no")
			.with(auditor()).with(csrf())).andReturn().getResponse().getStatus();
		assertThat(approve).isEqualTo(403);
		assertThat(reject).isEqualTo(403);
		assertThat(stored(id).status()).isEqualTo(RequestStatus.PENDING_APPROVAL);
		long denied = this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'auth.access_denied' AND actor = "
				+ "'page-auditor' AND target IN (?, ?)")
			.params("POST /api-requests/" + id + "/approval", "POST /api-requests/" + id + "/rejection")
			.query(Long.class).single();
		assertThat(denied).isEqualTo(2);
	}

	@Test
	void theCallbackLogShowsEachAttempt() throws Exception {
		String id = file(client("log-"), "log" + suffix()).get("id").asString();
		Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		attempt(new CallbackAttemptRepository.Attempt(id, "evt_first", "PENDING_APPROVAL", "{}", 1, t0, 503,
				"HTTP 503", null, t0.plusSeconds(10), false));
		attempt(new CallbackAttemptRepository.Attempt(id, "evt_first", "PENDING_APPROVAL", "{}", 2, t0.plusSeconds(10),
				null, "HttpConnectTimeoutException: timed out", null, null, true));
		attempt(new CallbackAttemptRepository.Attempt(id, "evt_second", "REJECTED", "{}", 1, t0.plusSeconds(20), 204,
				null, t0.plusSeconds(20), null, false));
		String detail = page(get("/api-requests/" + id), admin());
		String log = detail.substring(detail.indexOf("id=\"callback-log\""));
		assertThat(log).contains("evt_first", "evt_second", "HTTP 503", "HTTP 204", "HttpConnectTimeoutException",
				t0.plusSeconds(10).toString(), "given up", "delivered");
	}

	@Test
	void anUnknownRequestIsNotFound() throws Exception {
		assertThat(this.mvc.perform(get("/api-requests/" + UUID.randomUUID()).with(admin())).andReturn().getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(this.mvc.perform(get("/api-requests/not-an-id").with(admin())).andReturn().getResponse()
			.getStatus()).isEqualTo(404);
	}

	private NewApiClient client(String prefix) {
		return this.clients.create(prefix + UUID.randomUUID(), Set.of(ApiScope.REQUESTS_WRITE), null, List.of());
	}

	private JsonNode file(NewApiClient filer, String name) throws Exception {
		String body = """
				{ "directory": "lab", "account": { "name": "%s", "encryptionTypes": ["AES256"] },
				  "hosts": { "mode": "domainJoined", "members": ["NODE1$"] },
				  "cluster": { "exportOnly": true, "namespace": "web" },
				  "ticket": { "system": "servicenow", "key": "RITM0099", "url": "https://sn.example.com/ticket/RITM0099" } }
				""".formatted(name);
		MockHttpServletResponse response = this.mvc.perform(post("/api/v1/provisioning-requests")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + filer.token())
			.header("Idempotency-Key", "k-" + UUID.randomUUID())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).andReturn().getResponse();
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
		return this.json.readTree(response.getContentAsString());
	}

	private String page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
			RequestPostProcessor who) throws Exception {
		MockHttpServletResponse response = this.mvc.perform(request.with(who)).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString();
	}

	private FiledRequest stored(String id) {
		return this.store.find(id).orElseThrow();
	}

	private long audited(String id, String action, String actor, String kind) {
		return this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE correlation_id = ? AND action = ? AND actor = ? "
				+ "AND actor_kind = ? AND ticket_ref = 'RITM0099'")
			.params(id, action, actor, kind).query(Long.class).single();
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	private static RequestPostProcessor admin() {
		return user("page-admin").roles("ADMIN");
	}

	private static RequestPostProcessor auditor() {
		return user("page-auditor").roles("AUDITOR");
	}

	/** Seeds the delivery log as the callbacks module writes it: this page only reads it. */
	private void attempt(CallbackAttemptRepository.Attempt a) {
		this.jdbc.sql("INSERT INTO api_callback (id, request_id, event_id, status, event_json, attempt, attempted_at, "
				+ "http_status, error, delivered_at, next_attempt_at, gave_up) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(UUID.randomUUID().toString(), a.requestId(), a.eventId(), a.status(), a.eventJson(), a.attempt(),
					utc(a.attemptedAt()), a.httpStatus(), a.error(), utc(a.deliveredAt()), utc(a.nextAttemptAt()),
					a.gaveUp())
			.update();
	}

	private static java.time.@Nullable OffsetDateTime utc(@Nullable Instant instant) {
		return (instant != null) ? java.time.OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC) : null;
	}

}
