package org.gmsaportal.web.wizard;

import java.util.Arrays;
import java.util.List;

import org.gmsaportal.provisioning.Plan;
import org.gmsaportal.provisioning.PlannedStep;
import org.gmsaportal.provisioning.StepIntent;
import org.gmsaportal.provisioning.StepKind;
import org.jspecify.annotations.Nullable;

/**
 * The review's reading of each picked workload's PATCH_WORKLOAD step: the plan's description carries the server's
 * dry-run diff (or the blocker) in one line, which reads badly for several fields; here it is one line per field.
 *
 * @param step the planned step, whose target names the workload ({@code Deployment/web})
 * @param summary what the run will do to it (field manager, fields), or the blocker
 * @param diff the dry run's lines ({@code + path: value}, {@code ~ path: value}, {@code - path}); empty when nothing
 * changes or the step is blocked
 */
record WorkloadReview(PlannedStep step, String summary, List<String> diff) {

	private static final String DRY_RUN = "; dry run: ";

	/** Whether the workload blocks the run: the summary is then the blocker, naming field and manager. */
	public boolean blocked() {
		return this.step.intent() == StepIntent.BLOCKED;
	}

	/** Whether the dry run changes nothing. */
	public boolean unchanged() {
		return this.step.intent() == StepIntent.ALREADY_AS_REQUESTED;
	}

	static List<WorkloadReview> of(@Nullable Plan plan) {
		if (plan == null) {
			return List.of();
		}
		return plan.steps().stream().filter((s) -> s.kind() == StepKind.PATCH_WORKLOAD).map(WorkloadReview::of).toList();
	}

	static WorkloadReview of(PlannedStep step) {
		String description = step.description();
		int at = description.indexOf(DRY_RUN);
		if (step.intent() == StepIntent.BLOCKED || at < 0) {
			return new WorkloadReview(step, description, List.of());
		}
		// Each diff line starts with its verb (+, ~ or -); values may hold "; " only inside a line.
		List<String> diff = Arrays.stream(description.substring(at + DRY_RUN.length()).split("; (?=[-+~] )"))
			.map(String::strip)
			.filter((line) -> !line.isEmpty())
			.toList();
		return new WorkloadReview(step, description.substring(0, at), diff);
	}

}
