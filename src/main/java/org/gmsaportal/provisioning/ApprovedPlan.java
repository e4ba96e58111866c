package org.gmsaportal.provisioning;

import java.util.Map;

import org.gmsaportal.audit.Actor;
import org.gmsaportal.directory.PlanReads;
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

	private final Actor actor;

	private final PlanReads reads;

	/** The approver is whoever acts on this thread: the person or API client whose approval this is. */
	ApprovedPlan(Plan plan, Approval approval, RunKind kind, @Nullable String decommissions,
			Map<Integer, String> inputs) {
		this(plan, approval, kind, decommissions, inputs, Actor.current(), PlanReads.NONE);
	}

	private ApprovedPlan(Plan plan, Approval approval, RunKind kind, @Nullable String decommissions,
			Map<Integer, String> inputs, Actor actor, PlanReads reads) {
		this.plan = plan;
		this.approval = approval;
		this.kind = kind;
		this.decommissions = decommissions;
		this.inputs = Map.copyOf(inputs);
		this.actor = actor;
		this.reads = reads;
	}

	/**
	 * The same plan approved by the auto-approve policy: the portal's own decision, so its run acts as
	 * {@link Actor#system()}, not as the client whose filing happens to be on this thread.
	 */
	ApprovedPlan byPolicy() {
		return new ApprovedPlan(this.plan, this.approval, this.kind, this.decommissions, this.inputs, Actor.system(),
				this.reads);
	}

	/** The same, with what the approval's re-plan read from the directory, for its run to reuse under a guard. */
	ApprovedPlan withReads(PlanReads planned) {
		return new ApprovedPlan(this.plan, this.approval, this.kind, this.decommissions, this.inputs, this.actor,
				planned);
	}

	/** What the approval's re-plan read from the directory ({@link PlanReads#NONE} when it read nothing). */
	PlanReads reads() {
		return this.reads;
	}

	/** Who approved, as the audit trail names them: every event of the run's first attempt names this actor. */
	Actor actor() {
		return this.actor;
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
