package org.gmsaportal.provisioning;

import java.util.ArrayList;
import java.util.List;

import org.gmsaportal.cluster.ClusterOperationException;
import org.gmsaportal.cluster.Clusters;
import org.gmsaportal.cluster.WorkloadChange;
import org.gmsaportal.cluster.ClusterLabels;
import org.gmsaportal.cluster.WorkloadRef;
import org.jspecify.annotations.Nullable;

/**
 * The steps that point the admin's own workloads at the credential spec and give the fields back: planned from a
 * server-side dry run, so the review shows each workload's diff or what blocks it, and run one workload per step.
 */
final class WorkloadSteps {

	private WorkloadSteps() {
	}

	/**
	 * What a patch step records, and its release step takes as input.
	 *
	 * @param workload the workload as picked
	 * @param uid its uid when it was patched, so the release touches that object only
	 */
	record Patched(WorkloadRef workload, @Nullable String uid) {
	}

	/**
	 * One step per picked workload: CHANGE with the dry run's diff, ALREADY_AS_REQUESTED, or BLOCKED with a blocker on
	 * {@code target.workloads[i]} naming the workload (missing, Linux only, a field another manager owns).
	 */
	static void plan(Clusters clusters, ProvisioningRequest request, String domain, List<PlannedStep> planned,
			List<Blocker> blockers) {
		if (!(request.target() instanceof Target.Cluster cluster) || cluster.workloads().isEmpty()) {
			return;
		}
		List<WorkloadChange> review;
		try {
			review = clusters.reviewWorkloads(cluster.connection(),
					RequestTranslation.workloadPatches(request, domain));
		}
		catch (ClusterOperationException ex) {
			// Without the dry run nobody has seen what would change: the plan cannot be approved as it is.
			for (int i = 0; i < cluster.workloads().size(); i++) {
				String message = "Could not review " + cluster.workloads().get(i).label() + ": " + ex.getMessage();
				blockers.add(new Blocker("target.workloads[" + i + "]", message, null, null));
				add(planned, cluster.workloads().get(i).label(), StepIntent.BLOCKED, message);
			}
			return;
		}
		for (int i = 0; i < review.size(); i++) {
			WorkloadChange change = review.get(i);
			String label = change.workload().label();
			if (change.blocks()) {
				String message = (change.message() != null) ? change.message() : label + " cannot be patched";
				blockers.add(new Blocker("target.workloads[" + i + "]", message, null, null));
				add(planned, label, StepIntent.BLOCKED, message);
				continue;
			}
			String what = "server-side apply to " + label + " in " + cluster.namespace() + " under field manager "
					+ ClusterLabels.WORKLOAD_FIELD_MANAGER + ", never forced: " + fields(request, change.workload());
			boolean unchanged = change.outcome() == WorkloadChange.Outcome.UNCHANGED;
			add(planned, label, unchanged ? StepIntent.ALREADY_AS_REQUESTED : StepIntent.CHANGE,
					unchanged ? what + "; the dry run changes nothing"
							: what + "; dry run: " + String.join("; ", change.diff()));
		}
	}

	static StepRunner.Outcome patch(Clusters clusters, StepRunner.RunContext run, String label) {
		Target.Cluster cluster = (Target.Cluster) run.request().target();
		WorkloadRef workload = cluster.workloads().stream().filter((w) -> w.label().equals(label)).findFirst()
			.orElseThrow(() -> new StepFailedException(label + " is not among the request's workloads"));
		WorkloadChange change = clusters.patchWorkload(cluster.connection(),
				RequestTranslation.workloadPatches(run.request(), run.domain()), workload, run.runId(), run.ticket());
		if (change.blocks()) {
			throw new StepFailedException(String.valueOf(change.message()));
		}
		String detail = change.outcome() + " " + label
				+ (change.diff().isEmpty() ? "" : ": " + String.join("; ", change.diff()));
		return new StepRunner.Outcome(StepState.SUCCEEDED, change.outcome().name(), detail,
				Canonical.json(new Patched(workload, change.uid())));
	}

	static StepRunner.Outcome release(Clusters clusters, StepRunner.RunContext run, @Nullable String input) {
		if (input == null) {
			throw new StepFailedException("the workload this step gives back was not recorded by the provisioning run");
		}
		Patched patched = Canonical.JSON.readValue(input, Patched.class);
		Target.Cluster cluster = (Target.Cluster) run.request().target();
		WorkloadChange change = clusters.releaseWorkload(cluster.connection(), cluster.namespace(), patched.workload(),
				patched.uid(), run.runId());
		return new StepRunner.Outcome(StepState.SUCCEEDED, change.outcome().name(), String.valueOf(change.message()),
				null);
	}

	/** What the portal will own on the workload, in words. */
	private static String fields(ProvisioningRequest request, WorkloadRef workload) {
		List<String> fields = new ArrayList<>(List.of("gmsaCredentialSpecName=" + request.target().credSpecName()));
		if (workload.serviceAccount()) {
			fields.add("serviceAccountName=" + request.target().serviceAccount());
		}
		fields.add("nodeSelector kubernetes.io/os=windows unless it has a nodeSelector");
		return String.join(", ", fields);
	}

	private static void add(List<PlannedStep> planned, String target, StepIntent intent, String description) {
		planned.add(new PlannedStep(planned.size(), StepKind.PATCH_WORKLOAD, target, intent, description));
	}

}
