package org.gmsaportal.web.wizard;

import java.util.List;
import java.util.Optional;

import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.provisioning.Approval;
import org.gmsaportal.provisioning.ApprovalMismatchException;
import org.gmsaportal.provisioning.Plan;
import org.gmsaportal.provisioning.PlannedStep;
import org.gmsaportal.provisioning.ProvisioningRequest;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunAlreadyStartedException;
import org.gmsaportal.provisioning.StepIntent;
import org.gmsaportal.provisioning.StepKind;
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
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The wizard's review and approval as {@link ReviewController} decides them: the plan with a new one-time token,
 * the approval of exactly the shown plan as the signed-in admin, and the refusals (a stale plan, a form that is no
 * longer the one shown) that start nothing and keep the draft. The engine and the draft store are mocks: this
 * slice tests the controller's decisions; {@link WizardHttpTests} covers it against the real engine.
 *
 * <p>
 * The browser's real {@code SecurityConfig} is in the slice (matched by name: it is package-private in the security
 * module), so the auditor's refusal is the portal's own rule; only its sign-in manager and audit trail are mocks.
 */
@WebMvcTest(controllers = ReviewController.class, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "org\\.gmsaportal\\.security\\.SecurityConfig"))
class ReviewControllerTests {

	private static final String ADMIN_NAME = "review-admin";

	private static final RequestPostProcessor ADMIN = user(ADMIN_NAME).roles("ADMIN");

	private static final String TOKEN = "7d3f9a4e-2b1c-4d5e-8f6a-0b1c2d3e4f5a";

	private static final String HASH = "a".repeat(64);

	private static final String RUN_ID = "0b7e3c7e-1a2b-4c3d-8e9f-0123456789ab";

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	WizardDraftRepository drafts;

	@MockitoBean
	ProvisioningService provisioning;

	@MockitoBean
	AuthenticationManager signIn;

	@MockitoBean
	AuditTrail audit;

	private WizardState draft;

	@BeforeEach
	void aDraftAtTheReview() {
		this.draft = atReview();
		given(this.drafts.find(ADMIN_NAME)).willReturn(Optional.of(this.draft));
		given(this.provisioning.plan(any())).willAnswer((call) -> plan(call.getArgument(0)));
	}

	@Test
	void theReviewShowsThePlanWithANewOneTimeTokenThatTheDraftKeeps() {
		MvcTestResult page = this.mvc.get().uri("/wizard/review").with(ADMIN).exchange();
		assertThat(page).hasStatusOk().hasViewName("wizard/review").model().containsKeys("plan", "rows")
			.containsEntry("refusal", null);
		Object token = page.getMvcResult().getModelAndView().getModel().get("reviewToken");
		assertThat(token).isNotNull().isNotEqualTo(TOKEN);
		verify(this.drafts).save(eq(ADMIN_NAME), argThat((saved) -> token.equals(saved.getReviewToken())));
	}

	@Test
	void approvingTheShownPlanStartsItAsTheSignedInAdminAndRedirectsToTheRun() {
		given(this.provisioning.start(any(ProvisioningRequest.class), any(), eq(TOKEN))).willReturn(RUN_ID);
		assertThat(this.mvc.post().uri("/wizard/run").param("planHash", HASH).param("reviewToken", TOKEN)
			.param("reason", "  CAB approved  ").with(csrf()).with(ADMIN)).hasStatus3xxRedirection()
			.hasRedirectedUrl("/runs/" + RUN_ID);
		ArgumentCaptor<ProvisioningRequest> request = ArgumentCaptor.forClass(ProvisioningRequest.class);
		ArgumentCaptor<Approval> approval = ArgumentCaptor.forClass(Approval.class);
		verify(this.provisioning).start(request.capture(), approval.capture(), eq(TOKEN));
		assertThat(request.getValue().gmsaName()).isEqualTo("WebApp01");
		assertThat(request.getValue().directoryConnection()).isEqualTo("lab");
		assertThat(approval.getValue().planHash()).isEqualTo(HASH);
		assertThat(approval.getValue().approvedBy()).isEqualTo(ADMIN_NAME);
		assertThat(approval.getValue().reason()).isEqualTo("CAB approved");
		verify(this.drafts).delete(ADMIN_NAME);
	}

	@Test
	void aStaleApprovalShowsTheEnginesRefusalOnTheReviewAndKeepsTheDraft() {
		String refusal = "The approval is for plan " + HASH + ", not for plan " + "b".repeat(64)
				+ ": approve the plan that is to run.";
		given(this.provisioning.start(any(ProvisioningRequest.class), any(), eq(TOKEN)))
			.willThrow(new ApprovalMismatchException(refusal));
		assertThat(this.mvc.post().uri("/wizard/run").param("planHash", HASH).param("reviewToken", TOKEN)
			.with(csrf()).with(ADMIN)).hasStatusOk()
			.hasViewName("wizard/review")
			.model()
			.containsEntry("refusal", refusal)
			.containsKey("plan");
		verify(this.drafts, never()).delete(anyString());
	}

	@Test
	void aFormSubmittedTwiceRedirectsToTheRunTheFirstSubmissionStarted() {
		String flash = "This approval was already submitted and started the run shown here; no second run was started.";
		// At the same moment: the engine says the other submission started it.
		given(this.provisioning.start(any(ProvisioningRequest.class), any(), eq(TOKEN)))
			.willThrow(new RunAlreadyStartedException(RUN_ID));
		assertThat(this.mvc.post().uri("/wizard/run").param("planHash", HASH).param("reviewToken", TOKEN)
			.with(csrf()).with(ADMIN)).hasStatus3xxRedirection()
			.hasRedirectedUrl("/runs/" + RUN_ID)
			.flash()
			.containsEntry("flash", flash);
		verify(this.drafts, never()).delete(anyString());

		// Later: the token already started a run, so the engine is not asked to start anything.
		given(this.provisioning.runStartedWith(TOKEN)).willReturn(Optional.of(RUN_ID));
		assertThat(this.mvc.post().uri("/wizard/run").param("planHash", HASH).param("reviewToken", TOKEN)
			.with(csrf()).with(ADMIN)).hasStatus3xxRedirection()
			.hasRedirectedUrl("/runs/" + RUN_ID)
			.flash()
			.containsEntry("flash", flash);
		verify(this.provisioning).start(any(ProvisioningRequest.class), any(), anyString());
	}

	@Test
	void aFormThatIsNotTheLastOneShownIsRefusedAndNothingStarts() {
		assertThat(this.mvc.post().uri("/wizard/run").param("planHash", HASH)
			.param("reviewToken", "00000000-0000-4000-8000-000000000000").with(csrf()).with(ADMIN)).hasStatusOk()
			.hasViewName("wizard/review")
			.model()
			.hasEntrySatisfying("refusal",
					(refusal) -> assertThat(refusal).asString().contains("This approval form is no longer valid"));
		assertThat(this.mvc.post().uri("/wizard/run").param("planHash", HASH).with(csrf()).with(ADMIN)).hasStatusOk()
			.model()
			.hasEntrySatisfying("refusal",
					(refusal) -> assertThat(refusal).asString().contains("This approval form is no longer valid"));
		verify(this.provisioning, never()).start(any(ProvisioningRequest.class), any(), any());
		verify(this.drafts, never()).delete(anyString());
	}

	@Test
	void anAuditorMayNeitherApproveNorCancel() {
		RequestPostProcessor auditor = user("review-auditor").roles("AUDITOR");
		assertThat(this.mvc.post().uri("/wizard/run").param("planHash", HASH).param("reviewToken", TOKEN)
			.with(csrf()).with(auditor)).hasStatus(403);
		assertThat(this.mvc.post().uri("/wizard/cancel").with(csrf()).with(auditor)).hasStatus(403);
		assertThat(this.mvc.get().uri("/wizard/review").with(auditor)).hasStatus(403);
		verifyNoInteractions(this.provisioning, this.drafts);
	}

	/** A complete export-only draft on the lab connection, whose review form was shown with {@link #TOKEN}. */
	private static WizardState atReview() {
		WizardState state = new WizardState();
		state.getConnections().setDirectoryConnection("lab");
		state.getConnections().setClusterConnection("");
		IdentityStep identity = state.getIdentity();
		identity.setGmsaName("WebApp01");
		identity.setDnsHostName("webapp01.contoso.com");
		identity.setSpns("HTTP/webapp01.contoso.com");
		identity.setGroupName("WebApp01-hosts");
		identity.setComputerAccounts("NODE1$");
		state.getCluster().setNamespace("apps");
		state.getCluster().setServiceAccount("webapp");
		state.getCluster().setCredSpecName("webapp01-spec");
		state.setReached(WizardState.STEPS.indexOf("review"));
		state.setReviewToken(TOKEN);
		return state;
	}

	private static Plan plan(ProvisioningRequest request) {
		return new Plan(request, "contoso.com",
				List.of(new PlannedStep(0, StepKind.ENSURE_GROUP, "WebApp01-hosts", StepIntent.CREATE,
						"create group CN=WebApp01-hosts"),
						new PlannedStep(1, StepKind.EXPORT_BUNDLE, "webapp01-spec", StepIntent.APPLY,
								"export a YAML bundle without secret values")),
				HASH);
	}

	// issue 17, item 8: a reason that would display differently from what is stored (Trojan Source)
	@Test
	void anApprovalWhoseReasonHoldsBidirectionalControlCharactersStartsNothing() {
		assertThat(this.mvc.post().uri("/wizard/run").param("planHash", HASH).param("reviewToken", TOKEN)
			.param("reason", "CAB \u202eapproved").with(csrf()).with(ADMIN)).hasStatusOk()
			.hasViewName("wizard/review")
			.model()
			.containsEntry("refusal", "Reason: must not contain bidirectional control characters "
					+ "(U+202A to U+202E, U+2066 to U+2069, U+200E, U+200F); "
					+ "they make text display differently from what is stored.");
		verify(this.provisioning, never()).start(any(ProvisioningRequest.class), any(), anyString());
	}

}
