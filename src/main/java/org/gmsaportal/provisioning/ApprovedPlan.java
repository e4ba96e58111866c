package org.gmsaportal.provisioning;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A plan that {@link ProvisioningService#approve} re-planned from live lookups and found to hash to what was
 * approved: the only thing a run starts from, so no run starts from a plan nobody approved, and the plan is not
 * computed again between the approval check and the start. Only the engine makes one.
 */
public final class ApprovedPlan {

	private final Plan plan;

	private final Approval approval;

	private final RunKind kind;

	private final @Nullable String decommissions;

	private final Map<Integer, String> inputs;

	ApprovedPlan(Plan plan, Approval approval, RunKind kind, @Nullable String decommissions,
			Map<Integer, String> inputs) {
		this.plan = plan;
		this.approval = approval;
		this.kind = kind;
		this.decommissions = decommissions;
		this.inputs = Map.copyOf(inputs);
	}

	/** The plan as it was checked. */
	public Plan plan() {
		return this.plan;
	}

	/** The approval that binds it. */
	public Approval approval() {
		return this.approval;
	}

	RunKind kind() {
		return this.kind;
	}

	@Nullable String decommissions() {
		return this.decommissions;
	}

	Map<Integer, String> inputs() {
		return this.inputs;
	}

}
