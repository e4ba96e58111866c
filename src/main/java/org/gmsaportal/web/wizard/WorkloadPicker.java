package org.gmsaportal.web.wizard;

import java.util.List;

import org.gmsaportal.cluster.ClusterOperationException;
import org.gmsaportal.cluster.WorkloadChange;
import org.gmsaportal.cluster.WorkloadPage;
import org.gmsaportal.cluster.WorkloadSummary;
import org.gmsaportal.directory.DirectoryException;
import org.gmsaportal.provisioning.InvalidRequestException;
import org.gmsaportal.provisioning.LiveChecks;
import org.jspecify.annotations.Nullable;

import org.springframework.validation.Errors;

/**
 * The cluster page's workload picker: a page of the namespace's workloads to tick, and on Next the check that each
 * picked one exists and may run Windows pods. A field another manager owns is not refused here: the review shows
 * it as the plan's blocker, beside the diff, where the admin decides what to do about it.
 */
final class WorkloadPicker {

	/** Workloads per page: few enough for one screen, the continue token brings the rest. */
	static final int PAGE_SIZE = 20;

	private final LiveChecks live;

	WorkloadPicker(LiveChecks live) {
		this.live = live;
	}

	/**
	 * What the picker shows: a page of workloads, or why the cluster could not list them.
	 *
	 * @param items the workloads of this page that are not picked already (those are listed above them)
	 * @param continueToken where the next page starts, {@code null} on the last
	 * @param error the cluster's message, or {@code null}
	 */
	record Listing(List<WorkloadSummary> items, @Nullable String continueToken, @Nullable String error) {
	}

	/** One page of the namespace's workloads whose name contains the page's filter. */
	Listing list(WizardState wizard, @Nullable String continueToken) {
		ClusterStep step = wizard.getCluster();
		try {
			WorkloadPage page = this.live.workloads(String.valueOf(wizard.getConnections().getClusterConnection()),
					String.valueOf(step.getNamespace()), WizardRequests.text(step.getWorkloadFilter()), PAGE_SIZE,
					(continueToken == null || continueToken.isBlank()) ? null : continueToken);
			List<WorkloadSummary> unpicked = page.items().stream()
				.filter((w) -> !step.getWorkloads().contains(w.kind().kind() + "/" + w.name()))
				.toList();
			return new Listing(unpicked, page.continueToken(), null);
		}
		catch (ClusterOperationException ex) {
			return new Listing(List.of(), null, ex.getMessage());
		}
	}

	/**
	 * Rejects the workloads field for each picked workload the cluster does not have or that is pinned to Linux
	 * nodes, naming it. An unreachable cluster does not block Next: the plan's dry run asks again.
	 */
	void check(WizardState wizard, Errors errors) {
		List<WorkloadChange> review;
		try {
			review = this.live.reviewWorkloads(WizardRequests.request(wizard));
		}
		catch (ClusterOperationException | DirectoryException | InvalidRequestException ex) {
			return;
		}
		for (WorkloadChange change : review) {
			if (change.outcome() == WorkloadChange.Outcome.NOT_FOUND
					|| change.outcome() == WorkloadChange.Outcome.LINUX_ONLY) {
				String message = (change.message() != null) ? change.message()
						: change.workload().label() + " cannot be patched";
				errors.rejectValue("workloads", "wizard.workloads.blocked", new Object[] { message }, message);
			}
		}
	}

}
