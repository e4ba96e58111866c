package org.gmsaportal.web.wizard;

import java.util.List;
import java.util.Optional;

import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.provisioning.Plan;
import org.gmsaportal.provisioning.PlannedStep;
import org.gmsaportal.provisioning.ProvisioningService;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The review's section on the admin's own workloads: each PATCH_WORKLOAD step with its dry-run diff one line per
 * field, and a conflict with another field manager as a blocker naming the field and the manager, with no approval
 * form. The plan is a mock in the shape the engine writes (see WorkloadSteps); the engine's own plan of workloads is
 * tested against the fabric8 mock in the provisioning module.
 */
@WebMvcTest(controllers = ReviewController.class, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "org\\.gmsaportal\\.security\\.SecurityConfig"))
class WorkloadReviewPageTests {

	private static final String WHAT = "server-side apply to Deployment/web in apps under field manager "
			+ "gmsa-portal-workloads, never forced: gmsaCredentialSpecName=webapp01-spec";

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

	@Test
	void eachWorkloadShowsItsDiffLineByLineAndAConflictIsABlockerNamingFieldAndManager() {
		WizardState draft = WizardDrafts.atCluster("prod");
		draft.getCluster().setNamespace("apps");
		draft.getCluster().setServiceAccount("webapp");
		draft.getCluster().setCredSpecName("webapp01-spec");
		draft.getCluster().setWorkloads(List.of("Deployment/web", "Deployment/api"));
		draft.setReached(WizardState.STEPS.indexOf("review"));
		given(this.drafts.find("review-admin")).willReturn(Optional.of(draft));
		String conflict = "Deployment/api: spec.template.spec.nodeSelector (owned by field manager \"kubectl-edit\") "
				+ "is owned by another field manager; nothing was forced";
		given(this.provisioning.plan(any())).willAnswer((call) -> new Plan(call.getArgument(0), "contoso.com",
				List.of(new PlannedStep(0, StepKind.PATCH_WORKLOAD, "Deployment/web", StepIntent.CHANGE,
						WHAT + "; dry run: + spec.template.spec.securityContext.windowsOptions.gmsaCredentialSpecName: "
								+ "webapp01-spec; + spec.template.spec.nodeSelector.kubernetes.io/os: windows"),
						new PlannedStep(1, StepKind.PATCH_WORKLOAD, "Deployment/api", StepIntent.BLOCKED, conflict)),
				"a".repeat(64)));
		assertThat(this.mvc.get().uri("/wizard/review").with(user("review-admin").roles("ADMIN"))).hasStatusOk()
			.bodyText()
			.contains("id=\"workload-review\"", "data-workload=\"Deployment/web\"",
					"<span>+ spec.template.spec.securityContext.windowsOptions.gmsaCredentialSpecName: webapp01-spec</span>",
					"<span>+ spec.template.spec.nodeSelector.kubernetes.io/os: windows</span>",
					"Blocks the run:", "owned by field manager &quot;kubectl-edit&quot;")
			.doesNotContain("id=\"approve-form\"");
	}

	@Test
	void theDescriptionSplitsIntoWhatTheRunDoesAndOneLinePerDiffField() {
		WorkloadReview review = WorkloadReview.of(new PlannedStep(0, StepKind.PATCH_WORKLOAD, "CronJob/report",
				StepIntent.CHANGE, WHAT + "; dry run: ~ spec.a: x; y; - spec.b; + spec.c: 1"));
		assertThat(review.summary()).isEqualTo(WHAT);
		assertThat(review.diff()).containsExactly("~ spec.a: x; y", "- spec.b", "+ spec.c: 1");
		assertThat(review.blocked()).isFalse();
	}

}
