package org.gmsaportal.web.requests;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.provisioning.PlannedStep;
import org.gmsaportal.provisioning.StepIntent;
import org.gmsaportal.provisioning.StepKind;
import org.junit.jupiter.api.Test;

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
 * API-filed requests in the browser as {@link ApiRequestsController} serves them: the filtered list, one request,
 * and an admin's approval or rejection. The services are mocks: this slice tests the controller's HTTP translation;
 * {@link ApiRequestsPageTests} covers it against the real engine.
 *
 * <p>
 * The browser's real {@code SecurityConfig} is in the slice (matched by name: it is package-private in the security
 * module), so the refusal of an auditor's decision is the portal's own rule; only its sign-in manager and the
 * audit trail are mocks.
 */
@WebMvcTest(controllers = ApiRequestsController.class, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "org\\.gmsaportal\\.security\\.SecurityConfig"))
class ApiRequestsControllerTests {

	private static final String ID = "5f0c6a1e-3d2b-4c1a-9e8f-7a6b5c4d3e2f";

	private static final String HASH = "d".repeat(64);

	private static final RequestPostProcessor ADMIN = user("reviewer").roles("ADMIN");

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	RequestReview review;

	@MockitoBean
	AuthenticationManager signIn;

	@MockitoBean
	AuditTrail audit;

	@Test
	void aRejectionWithoutAReasonIsRefusedAndNothingIsRejected() {
		given(this.review.find(ID)).willReturn(Optional.of(pending()));
		assertThat(this.mvc.post().uri("/api-requests/" + ID + "/rejection").param("reason", "  ").with(csrf())
			.with(ADMIN)).hasStatusOk()
			.hasViewName("api-requests/detail")
			.model()
			.containsEntry("reasonError", "Give a reason for the rejection.")
			.containsEntry("refusal", null)
			.containsEntry("request", pending());
		verify(this.review, never()).reject(anyString(), anyString(), anyString());
	}

	@Test
	void anApprovalThatNamesNoPlanHashIsRefusedAndNothingIsApproved() {
		given(this.review.find(ID)).willReturn(Optional.of(pending()));
		assertThat(this.mvc.post().uri("/api-requests/" + ID + "/approval").param("planHash", "not-a-hash")
			.with(csrf()).with(ADMIN)).hasStatusOk()
			.hasViewName("api-requests/detail")
			.model()
			.containsEntry("refusal", "The approval must name the plan hash shown on this page.");
		verify(this.review, never()).approve(anyString(), anyString(), anyString(), any());
	}

	@Test
	void anApprovalIsTheSignedInAdminsAndRedirectsToTheRequestWithAFlash() {
		assertThat(this.mvc.post().uri("/api-requests/" + ID + "/approval").param("planHash", HASH)
			.param("reason", " CAB approved ").with(csrf()).with(ADMIN)).hasStatus3xxRedirection()
			.hasRedirectedUrl("/api-requests/" + ID)
			.flash()
			.containsEntry("flash", "Approved: the run has started.");
		verify(this.review).approve(ID, "reviewer", HASH, "CAB approved");
	}

	@Test
	void aDecisionTheLifecycleRefusesShowsItsReasonOnTheRequestPage() {
		given(this.review.find(ID)).willReturn(Optional.of(pending()));
		willThrow(new ReviewViews.Refused("The request was already decided.")).given(this.review)
			.reject(ID, "reviewer", "duplicate");
		assertThat(this.mvc.post().uri("/api-requests/" + ID + "/rejection").param("reason", "duplicate")
			.with(csrf()).with(ADMIN)).hasStatusOk()
			.hasViewName("api-requests/detail")
			.model()
			.containsEntry("refusal", "The request was already decided.");
	}

	@Test
	void theListIgnoresAnInvalidStatusSaysSoAndKeepsTheValidTicket() {
		assertThat(this.mvc.get().uri("/api-requests").param("status", "BOGUS").param("ticket", "CHG-1")
			.with(user("reader").roles("AUDITOR"))).hasStatusOk()
			.hasViewName("api-requests/list")
			.model()
			.containsEntry("invalid", true)
			.containsEntry("status", null)
			.containsEntry("ticket", "CHG-1")
			.containsEntry("section", "api-requests");
		verify(this.review).list(null, "CHG-1", 200);
	}

	@Test
	void anAuditorsDecisionIsRefusedAndAnIdThatIsNoRequestIdIsNotFound() {
		assertThat(this.mvc.post().uri("/api-requests/" + ID + "/approval").param("planHash", HASH).with(csrf())
			.with(user("reader").roles("AUDITOR"))).hasStatus(403);
		verifyNoInteractions(this.review);
		assertThat(this.mvc.get().uri("/api-requests/not-a-request").with(ADMIN)).hasStatus(404);
		verifyNoInteractions(this.review);
	}

	private static ReviewViews.Detail pending() {
		ReviewViews.Summary summary = new ReviewViews.Summary(ID, "PROVISION", "PENDING_APPROVAL", "servicenow",
				"WebApp01", "CHG-1", Instant.parse("2026-01-01T10:00:00Z"));
		PlannedStep step = new PlannedStep(0, StepKind.ENSURE_GROUP, "WebApp01-hosts", StepIntent.CREATE,
				"Create group WebApp01-hosts");
		return new ReviewViews.Detail(summary, new ReviewViews.Ticket("ServiceNow", "CHG-1", null), null, null, HASH,
				"contoso.com", true, List.of(new ReviewViews.PlanRow(step, null)), List.of(), null, null, null, null,
				List.of());
	}

	// issue 17, item 8: a reason that would display differently from what is stored (Trojan Source)
	@Test
	void aReasonWithBidirectionalControlCharactersIsRefusedAndNothingIsDecided() {
		given(this.review.find(ID)).willReturn(Optional.of(pending()));
		assertThat(this.mvc.post().uri("/api-requests/" + ID + "/rejection").param("reason", "dup\u202eetacilpud")
			.with(csrf()).with(ADMIN)).hasStatusOk()
			.hasViewName("api-requests/detail")
			.model()
			.containsEntry("reasonError", "Reason: must not contain bidirectional control characters "
					+ "(U+202A to U+202E, U+2066 to U+2069, U+200E, U+200F); "
					+ "they make text display differently from what is stored.");
		assertThat(this.mvc.post().uri("/api-requests/" + ID + "/approval").param("planHash", HASH)
			.param("reason", "ok\u2066").with(csrf()).with(ADMIN)).hasStatusOk()
			.model()
			.containsEntry("refusal", "Reason: must not contain bidirectional control characters "
					+ "(U+202A to U+202E, U+2066 to U+2069, U+200E, U+200F); "
					+ "they make text display differently from what is stored.");
		verify(this.review, never()).reject(anyString(), anyString(), anyString());
		verify(this.review, never()).approve(anyString(), anyString(), anyString(), any());
	}

}
