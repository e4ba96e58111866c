package org.gmsaportal.web.wizard;

import java.util.UUID;

import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.support.FakeDirectory;
import org.gmsaportal.support.FakeDirectoryConfig;
import org.gmsaportal.support.Waiting;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The wizard through MockMvc as an admin, export only, with the stand-in directory: validation per field, Back and
 * Next, the draft across sessions, the review with its commands, and the approval of exactly the shown plan.
 */
@SpringBootTest(properties = { "gmsa.directory.connections.lab.urls=ldaps://dc1.lab.test:636",
		"gmsa.directory.connections.lab.domain=lab.test" })
@AutoConfigureMockMvc
@Import(FakeDirectoryConfig.class)
class WizardHttpTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ProvisioningService provisioning;

	@Autowired
	FakeDirectory directory;

	private String admin;

	private MockHttpSession session;

	private String name;

	@BeforeEach
	void freshAdmin() {
		// A user of its own per test, so drafts do not meet.
		this.admin = "admin-" + UUID.randomUUID().toString().substring(0, 8);
		this.session = new MockHttpSession();
		this.name = "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
	}

	@Test
	void aBadOrUnknownDirectoryConnectionIsNamedInline() throws Exception {
		String body = page(step("connections", "directoryConnection", "lab'; DROP TABLE wizard_draft;--"));
		assertThat(body).contains("id=\"directoryConnection-error\"").contains("must be a connection name");
		assertThat(page(step("connections", "directoryConnection", "elsewhere"))).contains("is not a configured connection");
		assertThat(page(step("connections", "directoryConnection", "lab", "clusterConnection", "nowhere")))
			.contains("id=\"clusterConnection-error\"").contains("is not a configured connection");
	}

	@Test
	void theLabKeyNeedsItsConfirmation() throws Exception {
		redirects(step("connections", "directoryConnection", "lab"), "/wizard/forest");
		assertThat(page(step("forest", "kdsRootKey", "CREATE_LAB")))
			.contains("id=\"labConfirmed-error\"").contains("must be confirmed: the lab key is only safe with a single domain controller");
		assertThat(page(step("forest", "kdsRootKey", "DELETE_ALL"))).contains("must be one of the listed choices");
		redirects(step("forest", "kdsRootKey", "CREATE_LAB", "labConfirmed", "true"), "/wizard/identity");
	}

	@Test
	void everyIdentityFieldRejectsBadInputInlineAndNothingButTheDraftIsStored() throws Exception {
		toIdentity();
		long runs = runCount();
		assertThat(page(identity("gmsaName", "web<script>"))).contains("id=\"gmsaName-error\"")
			.contains("must be 1 to 15 letters, digits").doesNotContain("web<script>");
		assertThat(page(identity("gmsaName", "abcdefghijklmnopq"))).contains("must be at most 15 characters");
		assertThat(page(identity("gmsaName", "12345"))).contains("id=\"gmsaName-error\"").contains("must not consist of digits only");
		// The directory's rule for a computer account's name: no '.' or '_', which the DNS host name cannot hold.
		for (String name : new String[] { "Rel.Edge", "Rel_Edge", "Rel..Edge", "RelEdge-" }) {
			assertThat(page(identity("gmsaName", name))).as(name).contains("id=\"gmsaName-error\"")
				.contains("must be 1 to 15 letters, digits or hyphens");
		}
		assertThat(page(identity("dnsHostName", "web01"))).contains("id=\"dnsHostName-error\"").contains("must be fully qualified");
		assertThat(page(identity("dnsHostName", "$(rm -rf /).contoso.com"))).contains("must be a DNS name");
		assertThat(page(identity("spns", "HTTP/ok.contoso.com\nHTTP/bad host"))).contains("id=\"spns-error\"")
			.contains("&quot;HTTP/bad host&quot; must name a host as a DNS name");
		assertThat(page(identity("encryptionTypes", ""))).contains("choose at least one encryption type");
		assertThat(page(identity("groupName", "g\"; Remove-ADGroup"))).contains("id=\"groupName-error\"");
		assertThat(page(identity("computerAccounts", "NODE1"))).contains("id=\"computerAccounts-error\"")
			.contains("must be a computer account&#39;s sAMAccountName ending in &#39;$&#39;");
		assertThat(page(identity("hostMode", "PORTABLE"))).contains("id=\"portableUser-error\"")
			.contains("is required for nodes that are not domain-joined");
		assertThat(page(identity("hostMode", "PORTABLE", "portableUser", "ccg", "plugin", "KUBERNETES_SECRET",
				"pluginInput", "Bad Namespace:x"))).contains("id=\"pluginInput-error\"");
		assertThat(page(identity("ticketRef", "CHG 1; DROP"))).contains("id=\"ticketRef-error\"")
			.contains("must be 1-128 letters, digits");
		assertThat(runCount()).isEqualTo(runs);
		assertThat(draft()).contains("\"reached\":2");
	}

	@Test
	void everyClusterFieldRejectsBadInputInline() throws Exception {
		toCluster();
		assertThat(page(cluster("namespace", "Apps_NS"))).contains("id=\"namespace-error\"").contains("must be a DNS label");
		assertThat(page(cluster("serviceAccount", "a".repeat(300)))).contains("id=\"serviceAccount-error\"");
		assertThat(page(cluster("credSpecName", "spec;kubectl delete"))).contains("id=\"credSpecName-error\"");
	}

	@Test
	void backAndNextKeepWhatWasTyped() throws Exception {
		toIdentity();
		// Back keeps even what does not validate yet.
		redirects(identity("gmsaName", "half typed!", "spns", "HTTP/x.contoso.com"), "/wizard/forest", "go", "back");
		assertThat(page(get("/wizard/identity"))).contains("value=\"half typed!\"").contains("HTTP/x.contoso.com");
		redirects(identity(), "/wizard/credspec");
		redirects(post("/wizard/credspec"), "/wizard/cluster");
		redirects(cluster(), "/wizard/review");
		redirects(cluster(), "/wizard/credspec", "go", "back");
		redirects(post("/wizard/credspec"), "/wizard/identity", "go", "back");
		assertThat(page(get("/wizard/identity"))).contains("value=\"" + this.name + "\"");
		assertThat(page(get("/wizard/cluster"))).contains("value=\"apps\"");
	}

	@Test
	void aHalfFilledWizardIsRestoredInANewSession() throws Exception {
		toIdentity();
		redirects(identity("gmsaName", "draftname"), "/wizard/credspec");
		this.session = new MockHttpSession();
		// The wizard opens where the admin left off (MockMvc records the forward instead of following it).
		assertThat(call(get("/wizard")).andReturn().getResponse().getForwardedUrl()).isEqualTo("/wizard/credspec");
		assertThat(page(get("/wizard/identity"))).contains("value=\"draftname\"");
	}

	@Test
	void cancelDiscardsTheDraft() throws Exception {
		toIdentity();
		assertThat(draft()).isNotNull();
		redirects(post("/wizard/cancel"), "/wizard/connections");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM wizard_draft WHERE username = ?").param(this.admin)
			.query(Long.class).single()).isZero();
		this.session = new MockHttpSession();
		assertThat(page(get("/wizard/identity"))).isEmpty();
	}

	@Test
	void theCredSpecPageShowsTheDomainJoinedJsonFromTheDomainFactsWithItsExplanation() throws Exception {
		toIdentity();
		redirects(identity(), "/wizard/credspec");
		String body = page(get("/wizard/credspec"));
		assertThat(body).contains("id=\"credspec-json\"")
			.contains("&quot;Sid&quot;: &quot;" + FakeDirectory.CONTOSO.domainSid() + "&quot;")
			.contains("&quot;NetBiosName&quot;: &quot;CONTOSO&quot;")
			.contains("&quot;MachineAccountName&quot;: &quot;" + this.name + "&quot;")
			.contains("&quot;Name&quot;: &quot;" + this.name + "&quot;")
			.doesNotContain("HostAccountConfig")
			.contains("id=\"credspec-summary\">Containers run as gMSA " + this.name + " of domain contoso.com (CONTOSO) on domain-joined Windows nodes.")
			.contains("domain SID " + FakeDirectory.CONTOSO.domainSid())
			.contains("id=\"credspec-file\">contoso_" + this.name + ".json<");
	}

	@Test
	void theCredSpecPageShowsThePluginOfAPortableKubernetesSecretChoice() throws Exception {
		toIdentity();
		redirects(identity("hostMode", "PORTABLE", "computerAccounts", "", "portableUser", "ccg-" + this.name.substring(1, 6),
				"plugin", "KUBERNETES_SECRET", "pluginInput", "apps:gmsa-" + this.name,
				// Until the cluster page, the draft exports: the portal writes a Kubernetes Secret only when it applies.
				"secretDelivery", "MANUAL"), "/wizard/credspec");
		String body = page(get("/wizard/credspec"));
		assertThat(body).contains("&quot;HostAccountConfig&quot;")
			.contains("&quot;PortableCcgVersion&quot;: &quot;1&quot;")
			.contains("&quot;PluginGUID&quot;: &quot;" + KnownPlugin.KUBERNETES_SECRET.clsid() + "&quot;")
			.contains("&quot;PluginInput&quot;: &quot;apps:gmsa-" + this.name + "&quot;")
			.contains("on Windows nodes that are not domain-joined, through the " + KnownPlugin.KUBERNETES_SECRET.displayName())
			.contains("&quot;Sid&quot;: &quot;" + FakeDirectory.CONTOSO.domainSid() + "&quot;");
		redirects(post("/wizard/credspec"), "/wizard/cluster");
	}

	@Test
	void theCredSpecPageWaitsForTheIdentityPage() throws Exception {
		toIdentity();
		redirects(get("/wizard/credspec"), "/wizard/identity");
		redirects(post("/wizard/credspec"), "/wizard/identity");
	}

	@Test
	void anAuditorMayNotOpenTheCredSpecPage() throws Exception {
		this.mvc.perform(get("/wizard/credspec").with(user("auditor").roles("AUDITOR")))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isForbidden());
	}

	@Test
	void theReviewShowsThePlanItsCommandsAndItsHash() throws Exception {
		toReview();
		String body = page(get("/wizard/review"));
		assertThat(body).contains("id=\"plan-steps\"").contains("create group CN=" + this.name + "-hosts")
			.contains("New-ADGroup -Name &#39;" + this.name + "-hosts&#39;")
			.contains("New-ADServiceAccount -Name &#39;" + this.name + "&#39; -DNSHostName &#39;" + this.name + ".contoso.com&#39;")
			.contains("Add-ADGroupMember").contains("New-CredentialSpec").contains("kubectl apply --server-side")
			.containsPattern("id=\"plan-hash\">[0-9a-f]{64}<");
	}

	@Test
	void aStaleApprovalIsRefusedWithAClearMessage() throws Exception {
		toReview();
		long runs = runCount();
		String body = page(post("/wizard/run").param("planHash", "0".repeat(64)).param("reviewToken", token(page(get("/wizard/review")))));
		assertThat(body).contains("id=\"refusal\"").contains("The approval is for plan " + "0".repeat(64))
			.contains("approve the plan that is to run");
		assertThat(page(post("/wizard/run").param("planHash", "not-a-hash").param("reviewToken", token(body))))
			.contains("does not name a plan");
		assertThat(runCount()).isEqualTo(runs);
	}

	@Test
	void anApprovalFormThatWasShownAgainOrNeverShownIsRefused() throws Exception {
		toReview();
		String first = page(get("/wizard/review"));
		String again = page(get("/wizard/review"));
		assertThat(token(again)).isNotEqualTo(token(first));
		long runs = runCount();
		assertThat(page(post("/wizard/run").param("planHash", hash(first)).param("reviewToken", token(first))))
			.contains("id=\"refusal\"").contains("This approval form is no longer valid");
		assertThat(page(post("/wizard/run").param("planHash", hash(first))))
			.contains("This approval form is no longer valid");
		assertThat(runCount()).isEqualTo(runs);
	}

	@Test
	void approvingTheShownPlanStartsTheRunAndEndsTheDraft() throws Exception {
		toReview();
		String review = page(get("/wizard/review"));
		String hash = hash(review);
		MvcResult result = call(post("/wizard/run").param("planHash", hash).param("reviewToken", token(review))
			.param("reason", "CHG42")).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(302);
		String location = result.getResponse().getRedirectedUrl();
		assertThat(location).startsWith("/runs/");
		RunView run = Waiting.forRun(this.provisioning, location.substring("/runs/".length()));
		assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
		assertThat(run.planHash()).isEqualTo(hash);
		assertThat(run.approvedBy()).isEqualTo(this.admin);
		// Issue 12, item 6: the reason given with the approval is kept, shown and audited.
		assertThat(run.approvalReason()).isEqualTo("CHG42");
		assertThat(this.jdbc.sql("SELECT details FROM audit_event WHERE correlation_id = ? AND action = ?")
			.params(run.id(), "provisioning.run.started").query(String.class).single()).contains("\"reason\":\"CHG42\"");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM wizard_draft WHERE username = ?").param(this.admin)
			.query(Long.class).single()).isZero();
		String page = page(get(location));
		assertThat(page).contains("id=\"approval-reason\">CHG42<");
		assertThat(page).contains("SUCCEEDED").contains("id=\"artifact-GENERATE_CREDSPEC\"").contains("id=\"artifact-EXPORT_BUNDLE\"");
	}

	@Test
	void anApprovalPlansTheRequestOnceAndTheRunStartsFromThatPlan() throws Exception {
		toReview();
		String review = page(get("/wizard/review"));
		int before = this.directory.plansOnThisThread();
		MvcResult result = call(post("/wizard/run").param("planHash", hash(review)).param("reviewToken", token(review)))
			.andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(302);
		// Issue 11: the approval plans once more, to check the hash it binds, and the run starts from that plan.
		assertThat(this.directory.plansOnThisThread() - before).isEqualTo(1);
		RunView run = Waiting.forRun(this.provisioning,
				result.getResponse().getRedirectedUrl().substring("/runs/".length()));
		assertThat(run.planHash()).isEqualTo(hash(review));
	}

	@Test
	void approvingTwiceStartsOneRunAndTheSecondSubmissionShowsIt() throws Exception {
		// The run ends and releases the name claim before the second submission of the same form arrives: only the
		// form's one-time token stops a second run (a new request for the name is refused, naming this run).
		toReview();
		String review = page(get("/wizard/review"));
		// A double click: both requests read the session before the first one ended the wizard.
		MockHttpSession sameMoment = new MockHttpSession();
		sameMoment.setAttribute("wizard", this.session.getAttribute("wizard"));

		String runId = started(call(post("/wizard/run").param("planHash", hash(review)).param("reviewToken", token(review))));
		assertThat(Waiting.forRun(this.provisioning, runId).state()).isEqualTo(RunState.SUCCEEDED);
		MvcResult second = this.mvc.perform(post("/wizard/run").param("planHash", hash(review))
			.param("reviewToken", token(review)).session(sameMoment).with(user(this.admin).roles("ADMIN")).with(csrf()))
			.andReturn();
		assertThat(second.getResponse().getRedirectedUrl()).isEqualTo("/runs/" + runId);
		assertThat(second.getFlashMap().get("flash")).isEqualTo(
				"This approval was already submitted and started the run shown here; no second run was started.");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM provisioning_run WHERE gmsa_name = ?").param(this.name)
			.query(Long.class).single()).isEqualTo(1);
		// The same again after the wizard ended: still that run, still no other.
		MvcResult third = call(post("/wizard/run").param("planHash", hash(review)).param("reviewToken", token(review)))
			.andReturn();
		assertThat(third.getResponse().getRedirectedUrl()).isEqualTo("/runs/" + runId);
		assertThat(page(get("/runs/" + runId))).contains("SUCCEEDED");
	}

	private static String started(org.springframework.test.web.servlet.ResultActions post) {
		String location = post.andReturn().getResponse().getRedirectedUrl();
		assertThat(location).startsWith("/runs/");
		return location.substring("/runs/".length());
	}

	private static String hash(String review) {
		return review.replaceAll("(?s).*id=\"plan-hash\">([0-9a-f]{64})<.*", "$1");
	}

	private static String token(String review) {
		return review.replaceAll("(?s).*name=\"reviewToken\" value=\"([0-9a-f-]{36})\".*", "$1");
	}

	private void toIdentity() throws Exception {
		redirects(step("connections", "directoryConnection", "lab", "clusterConnection", ""), "/wizard/forest");
		redirects(step("forest", "kdsRootKey", "USE_EXISTING"), "/wizard/identity");
	}

	private void toCluster() throws Exception {
		toIdentity();
		redirects(identity(), "/wizard/credspec");
		redirects(post("/wizard/credspec"), "/wizard/cluster");
	}

	private void toReview() throws Exception {
		toCluster();
		redirects(cluster(), "/wizard/review");
	}

	/** A valid identity page with some fields replaced. */
	private MockHttpServletRequestBuilder identity(String... overrides) {
		return form("identity", overrides, "gmsaName", this.name, "dnsHostName", this.name + ".contoso.com", "spns",
				"HTTP/" + this.name + ".contoso.com", "encryptionTypes", "AES256_CTS_HMAC_SHA1_96", "groupName",
				this.name + "-hosts", "hostMode", "DOMAIN_JOINED", "computerAccounts", "NODE1$\nNODE2$", "ticketRef", "CHG42");
	}

	private MockHttpServletRequestBuilder cluster(String... overrides) {
		return form("cluster", overrides, "namespace", "apps", "serviceAccount", "webapp", "credSpecName", this.name + "-spec");
	}

	private MockHttpServletRequestBuilder form(String step, String[] overrides, String... defaults) {
		java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
		for (int i = 0; i < defaults.length; i += 2) {
			values.put(defaults[i], defaults[i + 1]);
		}
		for (int i = 0; i < overrides.length; i += 2) {
			values.put(overrides[i], overrides[i + 1]);
		}
		MockHttpServletRequestBuilder request = post("/wizard/" + step);
		values.forEach((k, v) -> request.param(k, v));
		return request;
	}

	private MockHttpServletRequestBuilder step(String step, String... params) {
		return form(step, params);
	}

	private String page(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult result = call(request).andReturn();
		if (result.getResponse().getStatus() == 302) {
			return "";
		}
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		return result.getResponse().getContentAsString();
	}

	private void redirects(MockHttpServletRequestBuilder request, String to, String... extra) throws Exception {
		for (int i = 0; i < extra.length; i += 2) {
			request.param(extra[i], extra[i + 1]);
		}
		MvcResult result = call(request).andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(302);
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo(to);
	}

	private org.springframework.test.web.servlet.ResultActions call(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request.session(this.session).with(user(this.admin).roles("ADMIN")).with(csrf()));
	}

	private long runCount() {
		return this.jdbc.sql("SELECT COUNT(*) FROM provisioning_run").query(Long.class).single();
	}

	private String draft() {
		return this.jdbc.sql("SELECT state_json FROM wizard_draft WHERE username = ?").param(this.admin)
			.query(String.class).single();
	}

}
