package org.gmsaportal.web.wizard;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gmsaportal.cluster.WorkloadChange;
import org.gmsaportal.cluster.WorkloadKind;
import org.gmsaportal.cluster.WorkloadPage;
import org.gmsaportal.cluster.WorkloadRef;
import org.gmsaportal.cluster.WorkloadSummary;
import org.gmsaportal.directory.Directory;
import org.gmsaportal.provisioning.LiveChecks;
import org.gmsaportal.provisioning.Target;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The cluster page's workload picker as {@link WizardController} decides it, without script: List and More come
 * back with a page of the namespace's workloads (paged with the cluster's continue token) and the ticks kept; Next
 * puts the picked workloads into the request, refuses one the cluster does not have on the workloads field, and
 * leaves a conflict with another field manager to the review. The live checks are mocks: this slice tests the
 * controller; the cluster's listing and dry run are the cluster module's own tests against the fabric8 mock.
 */
@WizardSliceTest
class WizardWorkloadPickerTests {

	private static final String ADMIN_NAME = "picker-admin";

	private static final RequestPostProcessor ADMIN = user(ADMIN_NAME).roles("ADMIN");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	WizardDraftRepository drafts;

	@Autowired
	LiveChecks connections;

	private WizardState draft;

	@BeforeEach
	void aDraftAtTheClusterPage() {
		this.draft = WizardDrafts.atCluster("prod");
		given(this.drafts.find(ADMIN_NAME)).willReturn(Optional.of(this.draft));
		given(this.connections.directoryConnections()).willReturn(List.of(new Directory.ConnectionSummary("lab",
				"contoso.com", List.of(URI.create("ldaps://dc1.contoso.com:636")), "LDAPS", false, null)));
	}

	@Test
	void listingShowsAPageOfWorkloadsToTickWithTheContinueTokenForTheNextPage() {
		given(this.connections.workloads("prod", "apps", "web", WorkloadPicker.PAGE_SIZE, null)).willReturn(
				new WorkloadPage(List.of(summary(WorkloadKind.DEPLOYMENT, "web"), summary(WorkloadKind.CRON_JOB, "web-report")),
						"token-2"));
		assertThat(this.mvc.post().uri("/wizard/cluster").params(WizardDrafts.clusterForm()).param("workloadFilter", "web")
			.param("go", "workloads").with(csrf()).with(ADMIN)).hasStatusOk()
			.hasViewName("wizard/cluster")
			.bodyText()
			.contains("id=\"pick-Deployment-web\"", "value=\"Deployment/web\"", "id=\"sa-CronJob-web-report\"",
					"name=\"workloadContinue\" value=\"token-2\"", "id=\"more-workloads\"");
	}

	@Test
	void moreAsksForTheNextPageAndKeepsTheTickedWorkloadsAbove() {
		given(this.connections.workloads("prod", "apps", "", WorkloadPicker.PAGE_SIZE, "token-2")).willReturn(
				new WorkloadPage(List.of(summary(WorkloadKind.STATEFUL_SET, "db")), null));
		assertThat(this.mvc.post().uri("/wizard/cluster").params(WizardDrafts.clusterForm())
			.param("workloads", "Deployment/web").param("workloadServiceAccounts", "Deployment/web")
			.param("workloadContinue", "token-2").param("go", "workloads-more").with(csrf()).with(ADMIN))
			.hasStatusOk()
			.bodyText()
			.contains("id=\"picked-workloads\"", "id=\"pick-StatefulSet-db\"")
			.doesNotContain("id=\"more-workloads\"");
		assertThat(this.draft.getCluster().getWorkloads()).containsExactly("Deployment/web");
	}

	@Test
	void nextPutsThePickedWorkloadsIntoTheRequestWithTheServiceAccountChoice() {
		given(this.connections.reviewWorkloads(any())).willAnswer((call) -> List.of(new WorkloadChange(
				new WorkloadRef(WorkloadKind.DEPLOYMENT, "web", true), WorkloadChange.Outcome.PATCHED,
				List.of("+ spec.template.spec.nodeSelector: {}"), null, null)));
		assertThat(this.mvc.post().uri("/wizard/cluster").params(WizardDrafts.clusterForm())
			.param("workloads", "Deployment/web", "CronJob/report").param("workloadServiceAccounts", "Deployment/web")
			.with(csrf()).with(ADMIN)).hasStatus3xxRedirection().hasRedirectedUrl("/wizard/review");
		verify(this.drafts).save(eq(ADMIN_NAME), argThat((saved) -> ((Target.Cluster) WizardRequests.target(saved))
			.workloads()
			.equals(List.of(new WorkloadRef(WorkloadKind.DEPLOYMENT, "web", true),
					new WorkloadRef(WorkloadKind.CRON_JOB, "report", false)))));
	}

	@Test
	void aPickedWorkloadTheClusterDoesNotHaveIsAnErrorOnTheWorkloadsFieldNamingIt() {
		String missing = "Deployment/gone does not exist in namespace apps: pick a workload that exists";
		given(this.connections.reviewWorkloads(any())).willReturn(List.of(new WorkloadChange(
				new WorkloadRef(WorkloadKind.DEPLOYMENT, "gone", false), WorkloadChange.Outcome.NOT_FOUND, List.of(),
				missing, null)));
		assertThat(this.mvc.post().uri("/wizard/cluster").params(WizardDrafts.clusterForm())
			.param("workloads", "Deployment/gone").with(csrf()).with(ADMIN)).hasStatusOk()
			.hasViewName("wizard/cluster")
			.model()
			.extractingBindingResult("form")
			.hasOnlyFieldErrors("workloads")
			.hasFieldErrorCode("workloads", "wizard.workloads.blocked");
		verify(this.drafts, never()).save(anyString(), any());
	}

	@Test
	void aWorkloadThatIsNotKindSlashNameIsAnErrorOnTheWorkloadsField() {
		assertThat(this.mvc.post().uri("/wizard/cluster").params(WizardDrafts.clusterForm())
			.param("workloads", "Pod/web").with(csrf()).with(ADMIN)).hasStatusOk()
			.bodyText()
			.contains("id=\"workloads-error\"", "&#39;Pod/web&#39; must be Kind/name, the kind one of Deployment");
		verify(this.connections, never()).reviewWorkloads(any());
	}

	@Test
	void aConflictWithAnotherFieldManagerDoesNotStopNextTheReviewShowsIt() {
		given(this.connections.reviewWorkloads(any())).willReturn(List.of(new WorkloadChange(
				new WorkloadRef(WorkloadKind.DEPLOYMENT, "web", false), WorkloadChange.Outcome.CONFLICT, List.of(),
				"nodeSelector is owned by field manager \"kubectl\"", null)));
		assertThat(this.mvc.post().uri("/wizard/cluster").params(WizardDrafts.clusterForm())
			.param("workloads", "Deployment/web").with(csrf()).with(ADMIN)).hasStatus3xxRedirection()
			.hasRedirectedUrl("/wizard/review");
	}

	private static WorkloadSummary summary(WorkloadKind kind, String name) {
		return new WorkloadSummary(kind, name, null, null, Map.of());
	}

}
