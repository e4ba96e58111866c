package org.gmsaportal.web.runs;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.gmsaportal.directory.Directory;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.provisioning.Approval;
import org.gmsaportal.provisioning.Hosts;
import org.gmsaportal.provisioning.Plan;
import org.gmsaportal.provisioning.ProvisioningRequest;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.provisioning.Target;
import org.gmsaportal.support.FakeDirectory;
import org.gmsaportal.support.FakeDirectoryConfig;
import org.gmsaportal.support.Waiting;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The runs pages: auditors read everything and change nothing; admins resume, abandon and decommission.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(FakeDirectoryConfig.class)
class RunsHttpTests {

	private static final RequestPostProcessor AUDITOR = user("runs-auditor").roles("AUDITOR");

	private static final RequestPostProcessor ADMIN = user("runs-admin").roles("ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	ProvisioningService provisioning;

	@Autowired
	FakeDirectory directory;

	@Autowired
	org.gmsaportal.audit.AuditLog auditLog;

	@Test
	void anAuditorListsFiltersAndReadsARunWithItsAuditEventsAndArtifacts() throws Exception {
		RunView run = Waiting.forRun(this.provisioning, start(fresh(), "CHG-7"));
		assertThat(body(get("/runs"), AUDITOR)).contains(run.gmsaName() + "@contoso.com");
		assertThat(body(get("/runs").param("state", "SUCCEEDED").param("name", run.gmsaName()), AUDITOR))
			.contains(run.gmsaName());
		assertThat(body(get("/runs").param("state", "FAILED").param("name", run.gmsaName()), AUDITOR))
			.doesNotContain(run.gmsaName() + "@");
		assertThat(body(get("/runs").param("ticket", "CHG-7").param("name", run.gmsaName()), AUDITOR)).contains(run.gmsaName());
		assertThat(body(get("/runs").param("name", "x'; DROP"), AUDITOR)).contains("The filter was not applied");
		String detail = body(get("/runs/" + run.id()), AUDITOR);
		assertThat(detail).contains("id=\"run-steps\"").contains("ENSURE_GROUP").contains("provisioning.run.started")
			.contains("id=\"artifact-EXPORT_BUNDLE\"").doesNotContain("id=\"resume\"").doesNotContain("id=\"decommission\"");
		assertThat(body(get("/runs/" + run.id() + "/progress"), AUDITOR)).contains("\"state\":\"SUCCEEDED\"")
			.contains("\"finished\":true");
		int export = run.steps().size() - 1;
		MvcResult yaml = this.mvc.perform(get("/runs/" + run.id() + "/steps/" + export + "/artifact").with(AUDITOR)).andReturn();
		assertThat(yaml.getResponse().getHeader("Content-Disposition")).endsWith("-export-bundle.yaml\"");
		assertThat(yaml.getResponse().getContentAsString()).contains("kind: \"GMSACredentialSpec\"");
		assertThat(status(get("/runs/" + UUID.randomUUID()), AUDITOR)).isEqualTo(404);
	}

	@Test
	void anAuditorDownloadsTheRunReportWithEveryStepAndItsAuditEvents() throws Exception {
		RunView run = Waiting.forRun(this.provisioning, start(fresh(), "CHG-8"));
		assertThat(body(get("/runs/" + run.id()), AUDITOR)).contains("href=\"/runs/" + run.id() + "/report\"");
		MvcResult report = this.mvc.perform(get("/runs/" + run.id() + "/report").with(AUDITOR)).andReturn();
		assertThat(report.getResponse().getStatus()).isEqualTo(200);
		assertThat(report.getResponse().getHeader("Content-Disposition"))
			.isEqualTo("attachment; filename=\"" + run.gmsaName().toLowerCase() + "-run-report.json\"");
		String json = report.getResponse().getContentAsString();
		assertThat(json).contains("\"runId\":\"" + run.id() + "\"", "\"state\":\"SUCCEEDED\"",
				"\"planHash\":\"" + run.planHash() + "\"", "\"ticketRef\":\"CHG-8\"", "\"provisioning.run.started\"",
				"\"provisioning.run.succeeded\"");
		for (RunView.StepView step : run.steps()) {
			assertThat(json).contains("\"kind\":\"" + step.kind() + "\"", "\"" + step.kind().auditAction() + "\"");
		}
		// Artifacts are downloads of their own.
		assertThat(json).doesNotContain("apiVersion");
		assertThat(status(get("/runs/" + UUID.randomUUID() + "/report"), AUDITOR)).isEqualTo(404);
		assertThat(status(get("/runs/not-a-run/report"), AUDITOR)).isEqualTo(404);
	}

	@Test
	void anAuditorsPostsAreRefused() throws Exception {
		RunView run = Waiting.forRun(this.provisioning, start(fresh(), null));
		for (String action : List.of("resume", "abandon", "decommission")) {
			assertThat(status(post("/runs/" + run.id() + "/" + action).with(csrf()), AUDITOR)).as(action).isEqualTo(403);
		}
		// The form exists only to change something: refused on GET too (issue 12, item 9).
		assertThat(status(get("/runs/" + run.id() + "/decommission"), AUDITOR)).isEqualTo(403);
		assertThat(status(get("/runs/" + run.id() + "/decommission"), ADMIN)).isEqualTo(200);
		assertThat(this.provisioning.run(run.id()).orElseThrow().state()).isEqualTo(RunState.SUCCEEDED);
	}

	@Test
	void anAdminResumesAFailedRun() throws Exception {
		this.directory.failOnce("gmsa", new IllegalStateException("the domain controller did not answer"));
		RunView run = Waiting.forRun(this.provisioning, start(fresh(), null));
		assertThat(run.state()).isEqualTo(RunState.FAILED);
		assertThat(body(get("/runs/" + run.id()), ADMIN)).contains("the domain controller did not answer").contains("id=\"resume\"");
		assertThat(redirect(post("/runs/" + run.id() + "/resume").with(csrf()))).isEqualTo("/runs/" + run.id());
		assertThat(Waiting.forRun(this.provisioning, run.id()).state()).isEqualTo(RunState.SUCCEEDED);
		// Resuming a succeeded run is refused with the engine's reason.
		MvcResult again = this.mvc.perform(post("/runs/" + run.id() + "/resume").with(csrf()).with(ADMIN)).andReturn();
		assertThat(again.getFlashMap().get("refusal")).asString()
			.contains("only a failed, interrupted or needing attention run can be resumed");
	}

	@Test
	void anAdminAbandonsAFailedRunWithAReason() throws Exception {
		this.directory.failOnce("group", new IllegalStateException("LDAP busy"));
		RunView run = Waiting.forRun(this.provisioning, start(fresh(), null));
		MvcResult noReason = this.mvc.perform(post("/runs/" + run.id() + "/abandon").with(csrf()).with(ADMIN)).andReturn();
		assertThat(noReason.getFlashMap().get("refusal")).asString().contains("Give a reason");
		redirect(post("/runs/" + run.id() + "/abandon").param("reason", "wrong name").with(csrf()));
		assertThat(this.provisioning.run(run.id()).orElseThrow().state()).isEqualTo(RunState.ABANDONED);
	}

	@Test
	void anAdminDecommissionsAfterReadingThePlanAndTypingTheName() throws Exception {
		RunView run = Waiting.forRun(this.provisioning, start(fresh(), null));
		String page = body(get("/runs/" + run.id() + "/decommission"), ADMIN);
		assertThat(page).contains("id=\"decommission-steps\"").contains("REMOVE_GMSA");
		String hash = page.replaceAll("(?s).*id=\"plan-hash\">([0-9a-f]{64})<.*", "$1");
		assertThat(body(post("/runs/" + run.id() + "/decommission").param("planHash", hash).param("confirmName", "other")
			.with(csrf()), ADMIN)).contains("The typed name does not match");
		assertThat(this.directory.hasGmsa(run.gmsaName())).isTrue();
		String location = redirect(post("/runs/" + run.id() + "/decommission").param("planHash", hash)
			.param("confirmName", run.gmsaName()).with(csrf()));
		RunView decommission = Waiting.forRun(this.provisioning, location.substring("/runs/".length()));
		assertThat(decommission.state()).isEqualTo(RunState.SUCCEEDED);
		assertThat(decommission.decommissions()).isEqualTo(run.id());
		assertThat(this.directory.hasGmsa(run.gmsaName())).isFalse();
	}

	@Test
	void aBlockedDecommissionNeedsAttentionAndAnAdminResumesItOnceTheBlockerIsGone() throws Exception {
		RunView run = Waiting.forRun(this.provisioning, start(fresh(), null));
		this.directory.blockRemoval(Directory.ObjectType.GROUP, run.gmsaName() + "-hosts",
				"it still has members (CN=OUTSIDER,CN=Users,DC=contoso,DC=com); remove them, then resume");
		String decommission = this.provisioning.decommission(run.id(),
				new Approval(this.provisioning.decommissionPlan(run.id()).hash(), "runs-admin", Instant.now(), null));
		assertThat(Waiting.forRun(this.provisioning, decommission).state()).isEqualTo(RunState.NEEDS_ATTENTION);
		assertThat(this.provisioning.run(run.id()).orElseThrow().state()).isEqualTo(RunState.SUCCEEDED);
		String seen = body(get("/runs/" + decommission), AUDITOR);
		assertThat(seen).contains("id=\"run-attention\"", "CN=OUTSIDER", "NEEDS_ATTENTION").doesNotContain("id=\"resume\"");
		assertThat(body(get("/runs").param("state", "NEEDS_ATTENTION").param("name", run.gmsaName()), AUDITOR))
			.contains("href=\"/runs/" + decommission + "\"");
		assertThat(body(get("/runs/" + decommission), ADMIN)).contains("id=\"resume\"", "id=\"abandon\"");

		this.directory.blockRemoval(Directory.ObjectType.GROUP, run.gmsaName() + "-hosts", null);
		assertThat(redirect(post("/runs/" + decommission + "/resume").with(csrf()))).isEqualTo("/runs/" + decommission);
		assertThat(Waiting.forRun(this.provisioning, decommission).state()).isEqualTo(RunState.SUCCEEDED);
		assertThat(this.provisioning.run(run.id()).orElseThrow().state()).isEqualTo(RunState.DECOMMISSIONED);
	}

	@Test
	void thePortableUsersPasswordIsShownOnceAndOnlyToAnAdmin() throws Exception {
		String name = fresh();
		ProvisioningRequest request = new ProvisioningRequest("lab", name, name + ".contoso.com", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, name + "-hosts",
				new Hosts.Portable(name + "-ccg", org.gmsaportal.credspec.KnownPlugin.KUBERNETES_SECRET.clsid(),
						"apps:" + name + "-ccg"),
				new Target.ExportOnly("apps", "webapp", name + "-spec"), null);
		Plan plan = this.provisioning.plan(request);
		RunView run = Waiting.forRun(this.provisioning,
				this.provisioning.start(plan, new Approval(plan.hash(), "runs-admin", Instant.now(), null)));
		assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
		// Loading the page takes nothing: the admin asks for it with a POST, which is recorded.
		assertThat(body(get("/runs/" + run.id()), AUDITOR)).doesNotContain("reveal-password");
		assertThat(body(get("/runs/" + run.id()), ADMIN)).contains("reveal-password");
		assertThat(body(get("/runs/" + run.id()), ADMIN)).contains("reveal-password");
		assertThat(this.mvc.perform(post("/runs/" + run.id() + "/password").with(csrf()).with(AUDITOR)).andReturn()
			.getResponse().getStatus()).isEqualTo(403);
		assertThat(body(post("/runs/" + run.id() + "/password").with(csrf()), ADMIN)).contains("id=\"portable-password\"");
		assertThat(body(post("/runs/" + run.id() + "/password").with(csrf()), ADMIN)).contains("id=\"password-gone\"")
			.doesNotContain("id=\"portable-password\"");
		assertThat(body(get("/runs/" + run.id()), ADMIN)).doesNotContain("reveal-password");
		assertThat(this.auditLog.search(new org.gmsaportal.audit.AuditQuery(null, null, null,
				"provisioning.portable-password.shown", null, null, run.id()), 0, 10).events())
			.singleElement().satisfies(e -> assertThat(e.details()).contains("runs-admin"));
	}

	private String start(String name, String ticket) {
		ProvisioningRequest request = new ProvisioningRequest("lab", name, name + ".contoso.com", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, name + "-hosts",
				new Hosts.DomainJoined(List.of("NODE1$")), new Target.ExportOnly("apps", "webapp", name + "-spec"), ticket);
		Plan plan = this.provisioning.plan(request);
		return this.provisioning.start(plan, new Approval(plan.hash(), "runs-admin", Instant.now(), null));
	}

	private static String fresh() {
		return "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
	}

	private String body(MockHttpServletRequestBuilder request, RequestPostProcessor who) throws Exception {
		MvcResult result = this.mvc.perform(request.with(who)).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		return result.getResponse().getContentAsString();
	}

	private int status(MockHttpServletRequestBuilder request, RequestPostProcessor who) throws Exception {
		return this.mvc.perform(request.with(who)).andReturn().getResponse().getStatus();
	}

	private String redirect(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult result = this.mvc.perform(request.with(ADMIN)).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(302);
		return result.getResponse().getRedirectedUrl();
	}

}
