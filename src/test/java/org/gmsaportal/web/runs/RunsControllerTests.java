package org.gmsaportal.web.runs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gmsaportal.audit.AuditLog;
import org.gmsaportal.audit.AuditPage;
import org.gmsaportal.audit.AuditRow;
import org.gmsaportal.inventory.Assessment;
import org.gmsaportal.inventory.Drift;
import org.gmsaportal.inventory.DriftKind;
import org.gmsaportal.inventory.Inventory;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunFilter;
import org.gmsaportal.provisioning.RunKind;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.RunTimes;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.provisioning.StepIntent;
import org.gmsaportal.provisioning.StepKind;
import org.gmsaportal.provisioning.StepState;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The runs list, a run's page, its progress JSON and its artifact downloads as {@link RunsController} serves them.
 * The services are mocks: this slice tests the controller's HTTP translation; {@link RunsHttpTests} covers it
 * against the real engine. The role checks are the portal's own ({@link RunsSliceTest}).
 */
@RunsSliceTest
class RunsControllerTests {

	private static final String RUN_ID = "0b7e3c7e-1a2b-4c3d-8e9f-0123456789ab";

	private static final RequestPostProcessor AUDITOR = user("runs-auditor").roles("AUDITOR");

	private static final RequestPostProcessor ADMIN = user("runs-admin").roles("ADMIN");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	ProvisioningService provisioning;

	@Autowired
	RunTimes times;

	@Autowired
	Inventory inventory;

	@Autowired
	AuditLog auditLog;

	@Test
	void aFilterThatBreaksARuleNamesTheFieldAndListsEveryRunInstead() {
		assertThat(this.mvc.get().uri("/runs").param("name", "x'; DROP").with(AUDITOR)).hasStatusOk()
			.hasViewName("runs/list")
			.model()
			.extractingBindingResult("filter")
			.hasOnlyFieldErrors("name")
			.hasFieldErrorCode("name", "Pattern");
		verify(this.provisioning).runs(RunFilter.all(), 200);
	}

	@Test
	void aValidFilterReachesTheEngineWithBlankFieldsLeftOut() {
		assertThat(this.mvc.get().uri("/runs").param("state", "FAILED").param("name", "webapp01").param("ticket", "")
			.with(AUDITOR)).hasStatusOk().model().doesNotHaveErrors();
		verify(this.provisioning).runs(new RunFilter(RunState.FAILED, "webapp01", null), 200);
	}

	@Test
	void aPathThatIsNoRunIdIsNotFoundWithoutAskingTheEngine() {
		assertThat(this.mvc.get().uri("/runs/not-a-run").with(AUDITOR)).hasStatus(404);
		assertThat(this.mvc.get().uri("/runs/not-a-run/progress").with(AUDITOR)).hasStatus(404);
		verifyNoInteractions(this.provisioning);
		given(this.provisioning.run(RUN_ID)).willReturn(Optional.empty());
		assertThat(this.mvc.get().uri("/runs/" + RUN_ID).with(AUDITOR)).hasStatus(404);
	}

	@Test
	void onlyAnAdminIsToldThatThePortablePasswordIsWaiting() {
		given(this.provisioning.run(RUN_ID)).willReturn(Optional.of(run(RunState.SUCCEEDED, "cred-spec")));
		given(this.provisioning.portablePasswordWaiting(RUN_ID)).willReturn(true);
		given(this.auditLog.search(any(), anyInt(), anyInt())).willReturn(new AuditPage(List.of(), 0, 200, 0));
		assertThat(this.mvc.get().uri("/runs/" + RUN_ID).with(AUDITOR)).hasStatusOk()
			.hasViewName("runs/detail")
			.model()
			.containsEntry("admin", false)
			.containsEntry("passwordWaiting", false)
			.containsEntry("finished", true);
		verify(this.provisioning, never()).portablePasswordWaiting(anyString());
		assertThat(this.mvc.get().uri("/runs/" + RUN_ID).with(ADMIN)).hasStatusOk()
			.model()
			.containsEntry("admin", true)
			.containsEntry("passwordWaiting", true);
	}

	@Test
	void theStepTableShowsWhatEachFinishedStepCostInLdapCallsAndTime() {
		given(this.provisioning.run(RUN_ID)).willReturn(Optional.of(run(RunState.RUNNING, null)));
		given(this.auditLog.search(any(), anyInt(), anyInt())).willReturn(new AuditPage(List.of(), 0, 200, 0));
		assertThat(this.mvc.get().uri("/runs/" + RUN_ID).with(AUDITOR)).hasStatusOk()
			.bodyText()
			.contains("Took, LDAP calls")
			.contains("<summary>3 LDAP calls</summary>")
			.contains("3 (2 reads, 1 writes, 0 binds); LDAP 35 ms of 60 ms");
	}

	@Test
	void progressReportsAStillRunningRunAsUnfinishedStepByStep() {
		given(this.provisioning.run(RUN_ID)).willReturn(Optional.of(run(RunState.RUNNING, null)));
		assertThat(this.mvc.get().uri("/runs/" + RUN_ID + "/progress").with(AUDITOR)).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					{"state": "RUNNING", "finished": false,
					 "steps": [{"index": 0, "state": "SUCCEEDED", "detail": "created", "attempts": 1},
					           {"index": 1, "state": "RUNNING", "attempts": 1}]}
					""");
	}

	@Test
	void anExportBundleIsAYamlDownloadAndAStepWithoutArtifactIsNotFound() {
		given(this.provisioning.run(RUN_ID)).willReturn(Optional.of(run(RunState.SUCCEEDED, "kind: GMSACredentialSpec")));
		assertThat(this.mvc.get().uri("/runs/" + RUN_ID + "/steps/1/artifact").with(AUDITOR)).hasStatusOk()
			.hasContentType("application/yaml;charset=UTF-8")
			.hasHeader("Content-Disposition", "attachment; filename=\"webapp01-bundle.yaml\"")
			.hasBodyTextEqualTo("kind: GMSACredentialSpec");
		assertThat(this.mvc.get().uri("/runs/" + RUN_ID + "/steps/0/artifact").with(AUDITOR)).hasStatus(404);
		assertThat(this.mvc.get().uri("/runs/" + RUN_ID + "/steps/7/artifact").with(AUDITOR)).hasStatus(404);
	}

	@Test
	void anAuditorCannotRevealThePortablePassword() {
		assertThat(this.mvc.post().uri("/runs/" + RUN_ID + "/password").with(csrf()).with(AUDITOR)).hasStatus(403);
		verifyNoInteractions(this.provisioning);
	}

	@Test
	void theRunPageShowsHowFarTheRunGotItsApprovalAndHowLongEachStepTook() {
		given(this.provisioning.run(RUN_ID)).willReturn(Optional.of(run(RunState.RUNNING, null)));
		given(this.times.of(RUN_ID)).willReturn(Optional.of(new RunTimes.Times(Instant.parse("2026-01-01T09:58:00Z"),
				List.of(new RunTimes.StepTimes(0, Instant.parse("2026-01-01T10:00:00Z"),
						Instant.parse("2026-01-01T10:00:01.500Z"))))));
		given(this.auditLog.search(any(), anyInt(), anyInt())).willReturn(new AuditPage(List.of(), 0, 200, 0));
		assertThat(this.mvc.get().uri("/runs/" + RUN_ID).with(AUDITOR)).hasStatusOk()
			.bodyText()
			.contains("<progress id=\"run-progress-bar\" max=\"2\" value=\"1\"")
			.contains("1 of 2 steps done")
			.contains("now at step 2: EXPORT_BUNDLE")
			.containsPattern("<tr data-step=\"1\" class=\"current\">")
			.contains("<span class=\"step-took\">1.5 s</span>")
			.contains("id=\"approved-by\">runs-admin<")
			.contains("<time id=\"approved-at\" datetime=\"2026-01-01T09:58:00Z\">")
			.contains("id=\"approval-reason\">CAB 42<")
			.contains("<code id=\"plan-hash\">" + "a".repeat(64) + "</code>")
			.contains("data-copy=\"plan-hash\"")
			.contains("<span>group WebApp01-hosts</span>")
			// without script the page reloads itself while the run runs
			.contains("<noscript><meta http-equiv=\"refresh\" content=\"5\"></noscript>");
		assertThat(this.mvc.get().uri("/runs/" + RUN_ID + "/progress").with(AUDITOR)).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					{"done": 1, "total": 2, "currentIndex": 1, "current": "EXPORT_BUNDLE"}
					""");
	}

	@Test
	void aFinishedRunSaysHowLongItTookAndNoLongerReloads() {
		given(this.provisioning.run(RUN_ID)).willReturn(Optional.of(run(RunState.SUCCEEDED, null)));
		given(this.auditLog.search(any(), anyInt(), anyInt())).willReturn(new AuditPage(List.of(), 0, 200, 0));
		assertThat(this.mvc.get().uri("/runs/" + RUN_ID).with(AUDITOR)).hasStatusOk()
			.bodyText()
			.contains("2 of 2 steps done")
			.contains("took 1 min 0 s")
			.doesNotContain("http-equiv=\"refresh\"")
			.doesNotContain("run-progress-current");
	}

	@Test
	void theRunsEventsAreKeyValueRowsLinkedToTheirOwnPagesNeverRawJson() {
		given(this.provisioning.run(RUN_ID)).willReturn(Optional.of(run(RunState.SUCCEEDED, null)));
		AuditRow event = new AuditRow(31, Instant.parse("2026-01-01T10:00:30Z"), "runs-admin", "PERSON", "ADMIN", null,
				"provisioning.step.ensure-group", "WebApp01-hosts", "SUCCESS",
				"{\"state\": \"SUCCEEDED\", \"result\": \"CREATED\", \"dn\": \"CN=WebApp01-hosts,CN=Users,DC=contoso,DC=com\"}",
				RUN_ID, "CHG-7", "0".repeat(64), "e".repeat(64));
		given(this.auditLog.search(any(), anyInt(), anyInt())).willReturn(new AuditPage(List.of(event), 0, 200, 1));
		assertThat(this.mvc.get().uri("/runs/" + RUN_ID).with(AUDITOR)).hasStatusOk()
			.bodyText()
			.contains("id=\"run-events\"")
			.contains("href=\"/audit/events/31\"")
			.contains("<summary>state: SUCCEEDED \u00b7 result: CREATED \u00b7 dn: "
					+ "CN=WebApp01-hosts,CN=Users,DC=contoso,DC=com</summary>")
			.contains("<th scope=\"row\">dn</th>")
			.contains("href=\"/audit?correlationId=" + RUN_ID + "\"")
			.doesNotContain("{&quot;state&quot;");
	}

	@Test
	void theRunPageShowsTheDriftTheNewestInventorySnapshotFoundInTheRunsObjects() {
		given(this.provisioning.run(RUN_ID)).willReturn(Optional.of(run(RunState.SUCCEEDED, null)));
		given(this.auditLog.search(any(), anyInt(), anyInt())).willReturn(new AuditPage(List.of(), 0, 200, 0));
		Drift spns = new Drift("gmsa:contoso/webapp01$", DriftKind.SPNS_CHANGED,
				"SPNs: recorded [HTTP/web01] now [HTTP/other]", RUN_ID, Instant.parse("2026-01-02T08:00:00Z"));
		given(this.inventory.ofRun(RUN_ID)).willReturn(Optional.of(new Assessment(42, Instant.parse(
				"2026-01-02T09:00:00Z"), List.of(spns), List.of())));
		assertThat(this.mvc.get().uri("/runs/" + RUN_ID).with(AUDITOR)).hasStatusOk()
			.bodyText()
			.contains("id=\"run-drift\"")
			.contains("SPNs: recorded [HTTP/web01] now [HTTP/other]")
			.contains("data-kind=\"SPNS_CHANGED\"")
			.contains("From inventory snapshot 42, taken");
	}

	@Test
	void aSnapshotWithoutDriftInTheRunsObjectsIsOneLine() {
		given(this.provisioning.run(RUN_ID)).willReturn(Optional.of(run(RunState.SUCCEEDED, null)));
		given(this.auditLog.search(any(), anyInt(), anyInt())).willReturn(new AuditPage(List.of(), 0, 200, 0));
		given(this.inventory.ofRun(RUN_ID)).willReturn(Optional.of(new Assessment(43, Instant.parse(
				"2026-01-02T09:00:00Z"), List.of(), List.of())));
		assertThat(this.mvc.get().uri("/runs/" + RUN_ID).with(AUDITOR)).hasStatusOk()
			.bodyText()
			.contains("No drift in the objects of this run in inventory snapshot 43, taken")
			.doesNotContain("id=\"drift\"");
	}

	@Test
	void withoutAnInventorySnapshotTheRunPageHasNoDriftSection() {
		given(this.provisioning.run(RUN_ID)).willReturn(Optional.of(run(RunState.SUCCEEDED, null)));
		given(this.auditLog.search(any(), anyInt(), anyInt())).willReturn(new AuditPage(List.of(), 0, 200, 0));
		assertThat(this.mvc.get().uri("/runs/" + RUN_ID).with(AUDITOR)).hasStatusOk()
			.bodyText()
			.doesNotContain("id=\"run-drift\"");
	}

	/** A run of two steps: the group (no artifact) and the export bundle (the given artifact). */
	static RunView run(RunState state, String bundle) {
		StepState second = (state == RunState.RUNNING) ? StepState.RUNNING : StepState.SUCCEEDED;
		return new RunView(RUN_ID, RunKind.PROVISION, state, "contoso.com", "WebApp01", "a".repeat(64), "runs-admin",
				"CAB 42", "CHG-7", null, null, Instant.parse("2026-01-01T10:00:00Z"), Instant.parse("2026-01-01T10:01:00Z"),
				List.of(new RunView.StepView(0, StepKind.ENSURE_GROUP, "WebApp01-hosts", StepIntent.CREATE,
						"Create group WebApp01-hosts", StepState.SUCCEEDED, "created", "created", null, 1,
						new RunView.Budget(2, 1, 0, 35, 60)),
						new RunView.StepView(1, StepKind.EXPORT_BUNDLE, "webapp01", StepIntent.CREATE,
								"Export the YAML bundle", second, null, null, bundle, 1)));
	}

}
