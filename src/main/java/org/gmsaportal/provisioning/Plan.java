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
 */
public record Plan(ProvisioningRequest request, String domain, List<PlannedStep> steps, String hash) {

	public Plan {
		steps = List.copyOf(steps);
	}

	/** Whether no step is blocked by drift or a missing prerequisite. */
	public boolean runnable() {
		return this.steps.stream().noneMatch((step) -> step.intent() == StepIntent.BLOCKED);
	}

}
