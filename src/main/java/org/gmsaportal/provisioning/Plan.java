package org.gmsaportal.provisioning;

import java.util.List;

/**
 * Ordered steps computed from a request and live lookups, with a SHA-256 over their canonical form: an approval
 * binds that hash, so any change to the request or to what the directory holds needs a new approval.
 *
 * @param request what was asked
 * @param domain the DNS name of the directory's domain, lower case
 * @param steps what will happen, in order
 * @param hash SHA-256, hex, over the canonical JSON of request, domain and steps
 * @param blockers why the blocked steps are blocked, by request field (not hashed: the steps say the same)
 */
public record Plan(ProvisioningRequest request, String domain, List<PlannedStep> steps, String hash,
		List<Blocker> blockers) {

	public Plan {
		steps = List.copyOf(steps);
		blockers = List.copyOf(blockers);
	}

	/** A plan whose blockers are its blocked steps, each on the field its kind comes from. */
	public Plan(ProvisioningRequest request, String domain, List<PlannedStep> steps, String hash) {
		this(request, domain, steps, hash, steps.stream().filter((s) -> s.intent() == StepIntent.BLOCKED)
			.map((s) -> new Blocker(Blocker.field(s.kind()), s.description(), null, null))
			.toList());
	}

	/** Whether no step is blocked by drift or a missing prerequisite. */
	public boolean runnable() {
		return this.steps.stream().noneMatch((step) -> step.intent() == StepIntent.BLOCKED);
	}

}
