package org.gmsaportal.api.v1;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.gmsaportal.audit.AuditUnavailableException;
import org.gmsaportal.cluster.ClusterOperationException;
import org.gmsaportal.directory.DirectoryException;
import org.gmsaportal.provisioning.ApprovedPlan;
import org.gmsaportal.provisioning.ProvisioningRequests;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RequestStatus;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.gmsaportal.security.NewApiClient;
import org.gmsaportal.support.FakeDirectoryConfig;
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
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gmsaportal.api.v1.ExportOnlyFilings.body;
import static org.gmsaportal.api.v1.ExportOnlyFilings.file;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.nullable;
import static org.mockito.BDDMockito.willThrow;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The directory, the cluster, the audit trail or the database failing while an approved request's run starts:
 * an auto-approved filing still answers (and replays) 201 with the request pending again, and an ADMIN's approval
 * in the browser gets the page with a sentence saying why, never the error page. The engine's start is made to
 * fail through a Mockito spy on {@link ProvisioningService} (the outage itself is not what is tested here); the
 * directory is the test double {@code FakeDirectory}, every target export-only.
 */
@SpringBootTest(properties = "gmsa.api.approval=per-client")
@AutoConfigureMockMvc
@Import(FakeDirectoryConfig.class)
class EngineOutageTests {

	// a message that must never reach an answer or a page: it stands for what a driver may quote
	private static final String SECRET = "password=hunter2";

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiClients clients;

	@Autowired
	ProvisioningRequests store;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@MockitoSpyBean
	ProvisioningService provisioning;

	static Stream<Arguments> outages() {
		return Stream.of(Arguments.of(new DirectoryException("dc1.contoso.com did not answer: check that it runs")),
				Arguments.of(new ClusterOperationException("the cluster did not answer: check the kubeconfig")),
				Arguments.of(new AuditUnavailableException("insert failed " + SECRET, new IllegalStateException())),
				Arguments.of(new DataAccessResourceFailureException("connection lost " + SECRET)));
	}

	@ParameterizedTest
	@MethodSource("outages")
	void anAutoApprovedFilingWhoseRunCannotStartAnswersPendingAndReplaysTheSame(RuntimeException outage)
			throws Exception {
		willThrow(outage).given(this.provisioning).start(any(ApprovedPlan.class), nullable(String.class));
		NewApiClient marked = client(true);
		String key = "k-" + UUID.randomUUID();
		String body = body("out" + suffix(), "RITM8");

		MockHttpServletResponse filed = file(this.mvc, marked, key, body);
		assertThat(filed.getStatus()).as(filed.getContentAsString()).isEqualTo(201);
		assertThat(filed.getContentAsString()).doesNotContain(SECRET);
		JsonNode request = this.json.readTree(filed.getContentAsString());
		assertThat(request.get("status").asString()).isEqualTo("PENDING_APPROVAL");
		assertThat(request.get("runId").isNull()).isTrue();
		String id = request.get("id").asString();
		assertThat(this.store.find(id).orElseThrow().decision()).as("the approval did not stand").isNull();
		long refused = this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE correlation_id = ? AND action = "
				+ "'api.request.start-refused' AND outcome = 'FAILURE' AND details LIKE ?")
			.params(id, "%" + outage.getClass().getSimpleName() + "%").query(Long.class).single();
		assertThat(refused).isEqualTo(1);

		MockHttpServletResponse replay = file(this.mvc, marked, key, body);
		assertThat(replay.getStatus()).as(replay.getContentAsString()).isEqualTo(201);
		assertThat(this.json.readTree(replay.getContentAsString())).isEqualTo(request);
	}

	@Test
	void aDirectoryOutageWhileAnAdminApprovesShowsWhatToDoOnThePage() throws Exception {
		willThrow(new DirectoryException("dc1.contoso.com did not answer: check that it runs"))
			.given(this.provisioning).start(any(ApprovedPlan.class), nullable(String.class));
		JsonNode request = this.json.readTree(file(this.mvc, client(false), "k-" + UUID.randomUUID(),
				body("dir" + suffix(), "RITM8"))
			.getContentAsString());
		String id = request.get("id").asString();

		MockHttpServletResponse page = approve(id, request.get("planHash").asString());
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getContentAsString()).contains("dc1.contoso.com did not answer: check that it runs",
				"approve-form");
		assertThat(this.store.find(id).orElseThrow().status()).isEqualTo(RequestStatus.PENDING_APPROVAL);
		assertThat(this.store.find(id).orElseThrow().runId()).isNull();
	}

	@Test
	void anAuditOutageWhileAnAdminApprovesSaysTheChangeWasNotRecorded() throws Exception {
		willThrow(new AuditUnavailableException("insert failed " + SECRET, new IllegalStateException()))
			.given(this.provisioning).start(any(ApprovedPlan.class), nullable(String.class));
		JsonNode request = this.json.readTree(file(this.mvc, client(false), "k-" + UUID.randomUUID(),
				body("aud" + suffix(), "RITM8"))
			.getContentAsString());
		String id = request.get("id").asString();

		MockHttpServletResponse page = approve(id, request.get("planHash").asString());
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getContentAsString()).contains("could not be recorded").doesNotContain(SECRET);
		assertThat(this.store.find(id).orElseThrow().runId()).isNull();
	}

	private MockHttpServletResponse approve(String id, String planHash) throws Exception {
		return this.mvc.perform(post("/api-requests/" + id + "/approval").param("planHash", planHash)
			.with(user("outage-admin").roles("ADMIN")).with(csrf())).andReturn().getResponse();
	}

	private NewApiClient client(boolean autoApprove) {
		return this.clients.create("outage-" + UUID.randomUUID(), Set.of(ApiScope.REQUESTS_WRITE), null, List.of(),
				autoApprove);
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
