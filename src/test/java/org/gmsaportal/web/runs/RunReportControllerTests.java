package org.gmsaportal.web.runs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gmsaportal.audit.AuditLog;
import org.gmsaportal.audit.AuditPage;
import org.gmsaportal.audit.AuditQuery;
import org.gmsaportal.audit.AuditRow;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunState;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The run report download as {@link RunReportController} builds it. The services are mocks: this slice tests the
 * controller's HTTP translation; {@link RunsHttpTests} covers it against the real engine.
 *
 * <p>
 * The browser's real {@code SecurityConfig} is in the slice (matched by name: it is package-private in the security
 * module); only its sign-in manager and audit trail are mocks.
 */
@WebMvcTest(controllers = RunReportController.class, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "org\\.gmsaportal\\.security\\.SecurityConfig"))
class RunReportControllerTests {

	private static final String RUN_ID = "0b7e3c7e-1a2b-4c3d-8e9f-0123456789ab";

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	ProvisioningService provisioning;

	@MockitoBean
	AuditLog auditLog;

	@MockitoBean
	AuthenticationManager signIn;

	@MockitoBean
	AuditTrail audit;

	@Test
	void theReportIsAJsonDownloadOfEveryStepAndTheAuditEventsUnderTheRunId() {
		given(this.provisioning.run(RUN_ID))
			.willReturn(Optional.of(RunsControllerTests.run(RunState.SUCCEEDED, "kind: GMSACredentialSpec")));
		AuditRow started = new AuditRow(41, Instant.parse("2026-01-01T10:00:00Z"), "runs-admin", "PERSON", "ADMIN",
				null, "provisioning.run.started", "WebApp01", "SUCCESS", "{}", RUN_ID, "CHG-7", "0".repeat(64),
				"b".repeat(64));
		given(this.auditLog.search(new AuditQuery(null, null, null, null, null, null, RUN_ID), 0, 1000))
			.willReturn(new AuditPage(List.of(started), 0, 1000, 1));
		assertThat(this.mvc.get().uri("/runs/" + RUN_ID + "/report").with(user("reader").roles("AUDITOR")))
			.hasStatusOk()
			.hasHeader("Content-Disposition", "attachment; filename=\"webapp01-run-report.json\"")
			.bodyJson()
			.isLenientlyEqualTo("""
					{"runId": "%s", "kind": "PROVISION", "state": "SUCCEEDED", "gmsaName": "WebApp01",
					 "planHash": "%s", "approvedBy": "runs-admin", "approvalReason": "CAB 42", "ticketRef": "CHG-7",
					 "steps": [{"index": 0, "kind": "ENSURE_GROUP", "state": "SUCCEEDED",
					            "budget": {"ldapReads": 2, "ldapWrites": 1, "ldapBinds": 0, "ldapMillis": 35,
					                       "millis": 60}},
					           {"index": 1, "kind": "EXPORT_BUNDLE", "state": "SUCCEEDED"}],
					 "auditEvents": [{"seq": 41, "action": "provisioning.run.started", "hash": "%s"}]}
					""".formatted(RUN_ID, "a".repeat(64), "b".repeat(64)));
	}

	@Test
	void theReportCarriesNoArtifact() {
		given(this.provisioning.run(RUN_ID))
			.willReturn(Optional.of(RunsControllerTests.run(RunState.SUCCEEDED, "kind: GMSACredentialSpec")));
		given(this.auditLog.search(new AuditQuery(null, null, null, null, null, null, RUN_ID), 0, 1000))
			.willReturn(new AuditPage(List.of(), 0, 1000, 0));
		assertThat(this.mvc.get().uri("/runs/" + RUN_ID + "/report").with(user("reader").roles("AUDITOR")))
			.hasStatusOk()
			.bodyText()
			.doesNotContain("GMSACredentialSpec");
	}

	@Test
	void anUnknownRunOrAPathThatIsNoRunIdHasNoReport() {
		given(this.provisioning.run(RUN_ID)).willReturn(Optional.empty());
		assertThat(this.mvc.get().uri("/runs/" + RUN_ID + "/report").with(user("reader").roles("AUDITOR")))
			.hasStatus(404);
		assertThat(this.mvc.get().uri("/runs/not-a-run/report").with(user("reader").roles("AUDITOR")))
			.hasStatus(404);
		verifyNoInteractions(this.auditLog);
	}

	@Test
	void anAnonymousVisitorIsSentToSignInAndReadsNothing() {
		assertThat(this.mvc.get().uri("/runs/" + RUN_ID + "/report")).hasStatus3xxRedirection()
			.redirectedUrl()
			.endsWith("/login");
		verifyNoInteractions(this.provisioning, this.auditLog);
	}

}
