package org.gmsaportal.web.runs;

import java.util.Optional;

import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.provisioning.Approval;
import org.gmsaportal.provisioning.ProvisioningRefusedException;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * An admin's resume, abandon and decommission of a run as {@link RunActionsController} handles them: POST, then
 * redirect to the run with a flash, or the form again with the refusal. The services are mocks: this slice tests
 * the controller's HTTP translation; {@link RunsHttpTests} covers it against the real engine.
 *
 * <p>
 * The browser's real {@code SecurityConfig} is in the slice (matched by name: it is package-private in the security
 * module), so the refusal of an auditor's POST is the portal's own rule; only its sign-in manager and the audit
 * trail are mocks.
 */
@WebMvcTest(controllers = RunActionsController.class, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "org\\.gmsaportal\\.security\\.SecurityConfig"))
class RunActionsControllerTests {

	private static final String RUN_ID = "0b7e3c7e-1a2b-4c3d-8e9f-0123456789ab";

	private static final RequestPostProcessor ADMIN = user("runs-admin").roles("ADMIN");

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	ProvisioningService provisioning;

	@MockitoBean
	AuthenticationManager signIn;

	@MockitoBean
	AuditTrail audit;

	@BeforeEach
	void aFailedRun() {
		given(this.provisioning.run(RUN_ID)).willReturn(Optional.of(RunsControllerTests.run(RunState.FAILED, null)));
	}

	@Test
	void anAbandonWithoutAReasonIsRefusedAndNothingIsAbandoned() {
		assertThat(this.mvc.post().uri("/runs/" + RUN_ID + "/abandon").param("reason", "   ").with(csrf()).with(ADMIN))
			.hasStatus3xxRedirection()
			.hasRedirectedUrl("/runs/" + RUN_ID)
			.flash()
			.containsEntry("refusal", "Give a reason (at most 1000 characters) to abandon a run.")
			.doesNotContainKey("flash");
		verify(this.provisioning, never()).abandon(anyString(), anyString());
	}

	@Test
	void anAbandonWithAReasonAbandonsTheRunWithTheReasonStrippedAndRedirectsToIt() {
		assertThat(this.mvc.post().uri("/runs/" + RUN_ID + "/abandon").param("reason", "  wrong name ").with(csrf())
			.with(ADMIN)).hasRedirectedUrl("/runs/" + RUN_ID)
			.flash()
			.containsEntry("flash", "The run was abandoned; what it created stays as it is.");
		verify(this.provisioning).abandon(RUN_ID, "wrong name");
	}

	@Test
	void aResumeTheEngineRefusesCarriesTheEnginesReasonToTheRunPage() {
		willThrow(new ProvisioningRefusedException("only a failed or interrupted run can be resumed"))
			.given(this.provisioning).resume(RUN_ID);
		assertThat(this.mvc.post().uri("/runs/" + RUN_ID + "/resume").with(csrf()).with(ADMIN))
			.hasRedirectedUrl("/runs/" + RUN_ID)
			.flash()
			.containsEntry("refusal", "only a failed or interrupted run can be resumed")
			.doesNotContainKey("flash");
	}

	@Test
	void aMistypedNameShowsTheDecommissionFormAgainAndRemovesNothing() {
		willThrow(new ProvisioningRefusedException("only a succeeded run can be decommissioned"))
			.given(this.provisioning).decommissionPlan(RUN_ID);
		assertThat(this.mvc.post().uri("/runs/" + RUN_ID + "/decommission").param("planHash", "c".repeat(64))
			.param("confirmName", "OtherApp").with(csrf()).with(ADMIN)).hasStatusOk()
			.hasViewName("runs/decommission")
			.model()
			.containsEntry("refusal", "The typed name does not match the gMSA name: nothing was removed.")
			.containsEntry("planError", "only a succeeded run can be decommissioned");
		verify(this.provisioning, never()).decommission(anyString(), any());
	}

	@Test
	void aConfirmedDecommissionIsApprovedByTheSignedInAdminAndRedirectsToTheNewRun() {
		String decommissionId = "1c8f4d8f-2b3c-4d4e-9fa0-123456789abc";
		ArgumentCaptor<Approval> approval = ArgumentCaptor.forClass(Approval.class);
		given(this.provisioning.decommission(org.mockito.ArgumentMatchers.eq(RUN_ID), approval.capture()))
			.willReturn(decommissionId);
		// the typed name is compared without case and surrounding blanks
		assertThat(this.mvc.post().uri("/runs/" + RUN_ID + "/decommission").param("planHash", "c".repeat(64))
			.param("confirmName", " webapp01 ").with(csrf()).with(ADMIN)).hasRedirectedUrl("/runs/" + decommissionId);
		assertThat(approval.getValue().planHash()).isEqualTo("c".repeat(64));
		assertThat(approval.getValue().approvedBy()).isEqualTo("runs-admin");
		assertThat(approval.getValue().reason()).isEqualTo("decommission of run " + RUN_ID);
	}

	@Test
	void anAuditorsPostIsRefusedAndAuditedBeforeItReachesTheEngine() {
		assertThat(this.mvc.post().uri("/runs/" + RUN_ID + "/resume").with(csrf())
			.with(user("runs-auditor").roles("AUDITOR"))).hasStatus(403);
		assertThat(this.mvc.post().uri("/runs/" + RUN_ID + "/abandon").param("reason", "no CSRF token").with(ADMIN))
			.hasStatus(403);
		verifyNoInteractions(this.provisioning);
		ArgumentCaptor<AuditEvent> denied = ArgumentCaptor.forClass(AuditEvent.class);
		verify(this.audit, org.mockito.Mockito.times(2)).record(denied.capture());
		assertThat(denied.getAllValues()).extracting(AuditEvent::action).containsOnly("auth.access_denied");
		assertThat(denied.getAllValues()).extracting(AuditEvent::target)
			.containsExactly("POST /runs/" + RUN_ID + "/resume", "POST /runs/" + RUN_ID + "/abandon");
	}

	// issue 17, item 8: a reason that would display differently from what is stored (Trojan Source)
	@Test
	void anAbandonWhoseReasonHoldsBidirectionalControlCharactersIsRefused() {
		assertThat(this.mvc.post().uri("/runs/" + RUN_ID + "/abandon").param("reason", "wrong \u200fname")
			.with(csrf()).with(ADMIN)).hasRedirectedUrl("/runs/" + RUN_ID)
			.flash()
			.containsEntry("refusal", "Reason: must not contain bidirectional control characters "
					+ "(U+202A to U+202E, U+2066 to U+2069, U+200E, U+200F); "
					+ "they make text display differently from what is stored.");
		verify(this.provisioning, never()).abandon(anyString(), anyString());
	}

}
