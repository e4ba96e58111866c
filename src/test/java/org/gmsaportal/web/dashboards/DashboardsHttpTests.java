package org.gmsaportal.web.dashboards;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.provisioning.Approval;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.provisioning.Hosts;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.provisioning.Plan;
import org.gmsaportal.provisioning.ProvisioningRequest;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.provisioning.Target;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.gmsaportal.security.NewApiClient;
import org.gmsaportal.support.FakeDirectory;
import org.gmsaportal.support.FakeDirectoryConfig;
import org.gmsaportal.support.MockCluster;
import org.gmsaportal.support.Waiting;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The dashboards page over HTTP: the inventory, the runs needing attention, the approvals queue and the audit counts
 * match what the database holds, and an AUDITOR reads it all with nothing to submit. The directory is the test
 * double {@code FakeDirectory}; the cluster is fabric8's mock API server (a real one cannot run on these
 * machines). The context is this class's own (the cluster connection is registered here), so its in-memory
 * database starts empty and the empty states are checked first.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(FakeDirectoryConfig.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardsHttpTests {

	private static final RequestPostProcessor AUDITOR = user("dash-auditor").roles("AUDITOR");

	private static final RequestPostProcessor ADMIN = user("dash-admin").roles("ADMIN");

	private static final MockCluster cluster = MockCluster.start().withGmsaSupport().answerAccessReviews(false);

	@Autowired
	MockMvc mvc;

	@Autowired
	ProvisioningService provisioning;

	@Autowired
	FakeDirectory directory;

	@Autowired
	ApiClients clients;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@DynamicPropertySource
	static void mockCluster(DynamicPropertyRegistry registry) {
		registry.add("gmsa.cluster.connections.mock.kubeconfig", () -> cluster.kubeconfig().toString());
		registry.add("gmsa.cluster.connections.mock.context", () -> "mock");
	}

	@AfterAll
	static void stopCluster() {
		cluster.close();
	}

	@Test
	@Order(1)
	void anEmptyPortalSaysWhatIsEmpty() throws Exception {
		String main = main(page(AUDITOR));
		assertThat(main).contains("id=\"inventory-empty\"", "No gMSA provisioned by this portal yet")
			.contains("id=\"attention-empty\"", "No failed, interrupted or blocked run.")
			.contains("id=\"pending-empty\"", "No request filed through the API waits for approval.")
			.doesNotContain("id=\"inventory\"").doesNotContain("id=\"attention\"").doesNotContain("id=\"pending-count\"");
		for (RunState state : RunState.values()) {
			assertThat(main).contains("id=\"count-" + state + "\" href=\"/runs?state=" + state + "\">0<");
		}
	}

	@Test
	@Order(2)
	void theInventoryShowsWhatThePortalProvisionedAndStillHoldsWithWhereItsCredentialSpecWent() throws Exception {
		String clustered = fresh();
		RunView toCluster = run(request(clustered, new Hosts.DomainJoined(List.of("NODE1$")),
				new Target.Cluster("mock", "app-ns", "webapp-sa", clustered + "-spec", List.of(), null), "CHG-100"));
		String portableName = fresh();
		RunView portable = run(request(portableName,
				new Hosts.Portable(portableName + "-ccg", KnownPlugin.KUBERNETES_SECRET.clsid(), "apps:" + portableName + "-ccg"),
				new Target.ExportOnly("apps", "webapp", portableName + "-spec"), null));
		String password = this.provisioning.takePortablePassword(portable.id()).orElseThrow().reveal();
		String removedName = fresh();
		RunView removed = run(request(removedName, new Hosts.DomainJoined(List.of("NODE1$")),
				new Target.ExportOnly("apps", "webapp", removedName + "-spec"), null));
		decommission(removed);
		assertThat(toCluster.state()).as("%s", toCluster.failure()).isEqualTo(RunState.SUCCEEDED);
		assertThat(portable.state()).isEqualTo(RunState.SUCCEEDED);

		String inventory = table(main(page(AUDITOR)), "inventory");
		assertThat(row(inventory, clustered)).contains("contoso.com", "Domain-joined hosts in group " + clustered + "-hosts",
				"Cluster mock, namespace app-ns, GMSACredentialSpec " + clustered + "-spec", "CHG-100",
				"href=\"/runs/" + toCluster.id() + "\"", "approved by dash-admin",
				"datetime=\"" + toCluster.updatedAt() + "\"");
		assertThat(row(inventory, portableName)).contains("Portable user " + portableName + "-ccg in group "
				+ portableName + "-hosts, read by the Kubernetes Secret plug-in (Rancher)",
				"Export only (YAML bundle): namespace apps, GMSACredentialSpec " + portableName + "-spec",
				"href=\"/runs/" + portable.id() + "\"");
		// Decommissioned through the portal: gone from its records, though the provisioning run is still listed in Runs.
		assertThat(inventory).doesNotContain(removedName);
		assertThat(this.provisioning.run(removed.id()).orElseThrow().state()).isEqualTo(RunState.DECOMMISSIONED);
		assertThat(page(ADMIN)).doesNotContain(password).doesNotContain("apps:" + portableName);

		// A second request for the same gMSA (another namespace) is refused naming the run that owns it, so the
		// inventory keeps crediting that run and its ticket, never a second owner.
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(request(clustered,
				new Hosts.DomainJoined(List.of("NODE1$")),
				new Target.Cluster("mock", "other-ns", "webapp-sa", clustered + "-spec", List.of(), null), "CHG-101")))
			.isInstanceOf(org.gmsaportal.provisioning.ProvisioningRefusedException.class)
			.hasMessageContaining("portal run " + toCluster.id());
		String after = table(main(page(AUDITOR)), "inventory");
		assertThat(row(after, clustered)).contains("href=\"/runs/" + toCluster.id() + "\"", "namespace app-ns", "CHG-100")
			.doesNotContain("CHG-101");
	}

	@Test
	@Order(3)
	void aFailedRunNeedsAttentionAndIsNotInTheInventory() throws Exception {
		String name = fresh();
		RunView first = run(request(name, new Hosts.DomainJoined(List.of("NODE1$")),
				new Target.ExportOnly("apps", "webapp", name + "-spec"), "CHG-200"));
		String failing = fresh();
		this.directory.failOnce("gmsa", new IllegalStateException("the domain controller did not answer"));
		RunView again = run(request(failing, new Hosts.DomainJoined(List.of("NODE1$", "NODE2$")),
				new Target.ExportOnly("apps", "webapp", failing + "-spec"), "CHG-201"));
		assertThat(again.state()).isEqualTo(RunState.FAILED);

		String main = main(page(AUDITOR));
		String attention = table(main, "attention");
		assertThat(row(attention, again.id())).contains(failing + "@contoso.com", "PROVISION", "FAILED",
				"the domain controller did not answer", "href=\"/runs/" + again.id() + "\"",
				"datetime=\"" + again.updatedAt() + "\"");
		assertThat(attention).doesNotContain(first.id());
		// The succeeded run's gMSA is in place by the records; the failed run made nothing the inventory credits.
		assertThat(row(table(main, "inventory"), name)).contains("href=\"/runs/" + first.id() + "\"", "CHG-200");
		assertThat(table(main, "inventory")).doesNotContain(failing);
		for (RunState state : RunState.values()) {
			long stored = this.jdbc.sql("SELECT COUNT(*) FROM provisioning_run WHERE state = ?").param(state.name())
				.query(Long.class).single();
			assertThat(main).contains("id=\"count-" + state + "\" href=\"/runs?state=" + state + "\">" + stored + "<");
		}
		assertThat(main).contains("id=\"count-FAILED\" href=\"/runs?state=FAILED\">1<");
	}

	@Test
	@Order(4)
	void theApprovalQueueCountsTheApiRequestsStillWaiting() throws Exception {
		NewApiClient filer = this.clients.create("dash-" + UUID.randomUUID(), Set.of(ApiScope.REQUESTS_WRITE), null,
				List.of());
		for (int i = 0; i < 3; i++) {
			file(filer);
		}
		String rejected = file(filer);
		assertThat(response(post("/api-requests/" + rejected + "/rejection").param("reason", "not for test systems")
			.with(csrf()), ADMIN).getStatus()).isEqualTo(302);
		long waiting = this.jdbc.sql("SELECT COUNT(*) FROM api_request WHERE status = 'PENDING_APPROVAL'")
			.query(Long.class).single();
		assertThat(waiting).isEqualTo(3);

		String main = main(page(AUDITOR));
		assertThat(main).contains("id=\"pending-count\">3<", "id=\"pending-link\" href=\"/api-requests?status=PENDING_APPROVAL\"")
			.doesNotContain("id=\"pending-empty\"");
		String list = body(get("/api-requests").param("status", "PENDING_APPROVAL"), AUDITOR);
		assertThat(list).doesNotContain(rejected);
	}

	@Test
	@Order(5)
	void theAuditCountsMatchTheTrailAndLinkToTheRefusalsAndTheVerification() throws Exception {
		// An auditor's attempt to change something is refused and recorded as DENIED.
		RunView run = run(request(fresh(), new Hosts.DomainJoined(List.of("NODE1$")),
				new Target.ExportOnly("apps", "webapp", "dash-spec"), null));
		assertThat(response(post("/runs/" + run.id() + "/abandon").param("reason", "x").with(csrf()), AUDITOR)
			.getStatus()).isEqualTo(403);
		assertThat(response(get("/audit/verify"), AUDITOR).getStatus()).isEqualTo(200);

		long before = this.jdbc.sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single();
		String main = main(page(AUDITOR));
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single()).isEqualTo(before);
		OffsetDateTime newest = this.jdbc.sql("SELECT MAX(occurred_at) FROM audit_event").query(OffsetDateTime.class)
			.single();
		OffsetDateTime dayAgo = OffsetDateTime.now(ZoneOffset.UTC).minusHours(24).plusMinutes(1);
		long denied = this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE outcome = 'DENIED' AND occurred_at >= ?")
			.param(dayAgo).query(Long.class).single();
		assertThat(denied).isPositive();
		assertThat(main).contains("id=\"audit-events\">" + before + "<")
			.contains("datetime=\"" + newest.toInstant() + "\"")
			.contains("id=\"verify-link\" href=\"/audit/verify\"");
		String deniedLink = main.replaceAll("(?s).*<a id=\"audit-denied\" href=\"([^\"]+)\">" + denied + "</a>.*", "$1")
			.replace("&amp;", "&");
		assertThat(deniedLink).startsWith("/audit?outcome=DENIED&from=").endsWith("&tz=UTC");
		// The link shows exactly the events counted.
		assertThat(body(get(deniedLink), AUDITOR)).contains(denied + " matching events")
			.contains("POST /runs/" + run.id() + "/abandon");
		assertThat(main.substring(main.indexOf("id=\"audit-last-verification\""))).contains("by dash-auditor:", "intact");
	}

	@Test
	@Order(6)
	void anAuditorAndAnAdminReadThePageAndNeitherGetsAForm() throws Exception {
		for (RequestPostProcessor who : List.of(AUDITOR, ADMIN)) {
			String main = main(page(who));
			assertThat(main)
				.contains("<h1>Dashboards</h1>",
						"Only the live inventory section is read from Active Directory and the clusters")
				.doesNotContain("<form").doesNotContain("method=\"post\"");
		}
		assertThat(response(post("/dashboards").with(csrf()), AUDITOR).getStatus()).isIn(403, 405);
	}

	private String page(RequestPostProcessor who) throws Exception {
		return body(get("/dashboards"), who);
	}

	private String body(MockHttpServletRequestBuilder request, RequestPostProcessor who) throws Exception {
		MockHttpServletResponse response = response(request, who);
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString();
	}

	private MockHttpServletResponse response(MockHttpServletRequestBuilder request, RequestPostProcessor who)
			throws Exception {
		return this.mvc.perform(request.with(who)).andReturn().getResponse();
	}

	/** The page without its header, whose sign-out form every page has. */
	private static String main(String page) {
		return page.substring(page.indexOf("<main"));
	}

	private static String table(String main, String id) {
		int start = main.indexOf("<table id=\"" + id + "\"");
		assertThat(start).as("table " + id).isNotNegative();
		return main.substring(start, main.indexOf("</table>", start));
	}

	/** The row of a table that names {@code text}. */
	private static String row(String table, String text) {
		for (String row : table.split("<tr")) {
			if (row.contains(text)) {
				return row;
			}
		}
		throw new AssertionError("no row with " + text + " in " + table);
	}

	private String file(NewApiClient filer) throws Exception {
		String body = """
				{ "directory": "lab", "account": { "name": "%s", "encryptionTypes": ["AES256"] },
				  "hosts": { "mode": "domainJoined", "members": ["NODE1$"] },
				  "cluster": { "exportOnly": true, "namespace": "web" } }
				""".formatted(fresh());
		MockHttpServletResponse response = this.mvc.perform(post("/api/v1/provisioning-requests")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + filer.token())
			.header("Idempotency-Key", "k-" + UUID.randomUUID())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).andReturn().getResponse();
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
		return this.json.readTree(response.getContentAsString()).get("id").asString();
	}

	private static ProvisioningRequest request(String name, Hosts hosts, Target target,
			@Nullable String ticket) {
		return new ProvisioningRequest("lab", name, name + ".contoso.com", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, name + "-hosts", hosts,
				target, ticket);
	}

	private RunView run(ProvisioningRequest request) {
		Plan plan = this.provisioning.plan(request);
		return Waiting.forRun(this.provisioning,
				this.provisioning.start(plan, new Approval(plan.hash(), "dash-admin", Instant.now(), null)));
	}

	private void decommission(RunView run) {
		Plan plan = this.provisioning.decommissionPlan(run.id());
		RunView removal = Waiting.forRun(this.provisioning, this.provisioning.decommission(run.id(),
				new Approval(plan.hash(), "dash-admin", Instant.now(), null)));
		assertThat(removal.state()).isEqualTo(RunState.SUCCEEDED);
	}

	private static String fresh() {
		return "d" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
	}

}
