package org.gmsaportal.provisioning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gmsaportal.directory.Directory;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Plans the removal of what a succeeded run created: cluster objects first, then directory objects in reverse
 * order of creation; what existed before the run is left alone and listed as such.
 */
@Component
class DecommissionPlanner {

	private final RunRepository runs;

	DecommissionPlanner(RunRepository runs) {
		this.runs = runs;
	}

	/**
	 * A plan and the input of each of its steps (recorded cluster objects, added members).
	 *
	 * @param plan the steps and their hash
	 * @param inputs step index to input, for steps that need one
	 */
	record Planned(Plan plan, Map<Integer, String> inputs) {
	}

	Planned plan(String runId) {
		RunView run = this.runs.find(runId)
			.orElseThrow(() -> new ProvisioningRefusedException("There is no run " + runId + "."));
		if (run.kind() != RunKind.PROVISION || run.state() != RunState.SUCCEEDED) {
			throw new ProvisioningRefusedException("Run " + runId + " is " + run.state()
					+ ": only a succeeded provisioning run can be decommissioned.");
		}
		// A later run of the same gMSA relies on what this one created (it found it "already as requested").
		this.runs.list(new RunFilter(null, run.gmsaName(), null), 500).stream()
			.filter((other) -> other.kind() == RunKind.PROVISION && !other.id().equals(runId)
					&& other.gmsaName().equalsIgnoreCase(run.gmsaName())
					&& other.domain().equalsIgnoreCase(run.domain()) && other.createdAt().isAfter(run.createdAt())
					&& other.state() != RunState.DECOMMISSIONED && other.state() != RunState.ABANDONED)
			.findFirst()
			.ifPresent((other) -> {
				throw new ProvisioningRefusedException("Run " + other.id() + " of " + run.gmsaName()
						+ " is newer and uses the same objects: decommission that run instead.");
			});
		ProvisioningRequest request = this.runs.request(runId);
		List<PlannedStep> steps = new ArrayList<>();
		Map<Integer, String> inputs = new LinkedHashMap<>();
		// The workloads first, newest first: they stop naming the credential spec before it is deleted.
		List<RunView.StepView> patched = new ArrayList<>(run.steps().stream()
			.filter((s) -> s.kind() == StepKind.PATCH_WORKLOAD && s.state() == StepState.SUCCEEDED).toList());
		java.util.Collections.reverse(patched);
		for (RunView.StepView workload : patched) {
			inputs.put(steps.size(), workload.artifact());
			add(steps, StepKind.UNPATCH_WORKLOAD, workload.target(), StepIntent.APPLY, "give back the fields run "
					+ runId
					+ " set on " + workload.target() + " (an empty server-side apply under its field manager): only the"
					+ " fields no one else owns go, the workload stays");
		}
		RunView.StepView apply = step(run, StepKind.APPLY_TO_CLUSTER);
		if (apply != null && request.target() instanceof Target.Cluster cluster) {
			inputs.put(steps.size(), apply.artifact());
			add(steps, StepKind.REMOVE_FROM_CLUSTER, cluster.connection(), StepIntent.APPLY, "delete the objects run "
					+ runId + " applied, newest first, each only if it still carries the run's label and uid: "
					+ apply.detail() + "; the CRD is never removed");
		}
		RunView.StepView webhook = step(run, StepKind.INSTALL_GMSA_WEBHOOK);
		if (webhook != null && request.target() instanceof Target.Cluster cluster) {
			add(steps, StepKind.REMOVE_GMSA_WEBHOOK, cluster.connection(), StepIntent.APPLY, "remove the gMSA webhook run "
					+ runId + " installed, only if it still carries the portal's labels and no credential spec is left"
					+ " in cluster " + cluster.connection() + "; otherwise keep it and say why. The CRD and the webhook's"
					+ " namespace stay");
		}
		RunView.StepView membership = step(run, StepKind.ENSURE_MEMBERSHIP);
		if (membership != null) {
			String added = membership.artifact();
			boolean any = added != null && !added.equals("[]");
			if (any) {
				inputs.put(steps.size(), added);
			}
			add(steps, StepKind.REMOVE_MEMBERSHIP, request.groupName(), any ? StepIntent.APPLY : StepIntent.SKIP,
					any ? "remove " + added + " from group " + request.groupName()
							: "left alone: run " + runId + " added no member to " + request.groupName());
		}
		RunView.StepView written = step(run, StepKind.WRITE_PORTABLE_SECRET);
		if (written != null) {
			add(steps, StepKind.REMOVE_PORTABLE_SECRET, written.target(), StepIntent.APPLY, "delete secret "
					+ written.target() + ", written by run " + runId + ", only while it carries the run's marker");
		}
		if (request.hosts() instanceof Hosts.Portable portable) {
			removal(steps, inputs, run, StepKind.ENSURE_PORTABLE_USER, StepKind.REMOVE_PORTABLE_USER,
					portable.userName(), "user");
		}
		removal(steps, inputs, run, StepKind.ENSURE_GMSA, StepKind.REMOVE_GMSA, request.samAccountName(), "gMSA");
		removal(steps, inputs, run, StepKind.ENSURE_GROUP, StepKind.REMOVE_GROUP, request.groupName(), "group");
		return new Planned(new Plan(request, run.domain(), steps,
				Canonical.planHash(request, run.domain() + " decommission " + runId, steps)), inputs);
	}

	private static void removal(List<PlannedStep> steps, Map<Integer, String> inputs, RunView run, StepKind created,
			StepKind remove, String name, String what) {
		RunView.StepView step = step(run, created);
		boolean ours = step != null && Directory.Result.CREATED.name().equals(step.result());
		if (ours && step.artifact() != null) {
			// The DN and objectGUID the ensure reported: the removal deletes that object, not whatever has the name.
			inputs.put(steps.size(), step.artifact());
		}
		add(steps, remove, name, ours ? StepIntent.APPLY : StepIntent.SKIP,
				ours ? "delete " + what + " " + name + ", created by run " + run.id()
						: "left alone: " + what + " " + name + " existed before run " + run.id());
	}

	private static RunView.@Nullable StepView step(RunView run, StepKind kind) {
		return run.steps().stream()
			.filter((s) -> s.kind() == kind && s.state() == StepState.SUCCEEDED)
			.findFirst()
			.orElse(null);
	}

	private static void add(List<PlannedStep> steps, StepKind kind, String target, StepIntent intent,
			String description) {
		steps.add(new PlannedStep(steps.size(), kind, target, intent, description));
	}

}
