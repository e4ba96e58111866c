package org.gmsaportal.provisioning;

/**
 * Where one step of a run stands.
 */
public enum StepState {

	PENDING, RUNNING, SUCCEEDED, FAILED, SKIPPED,

	/**
	 * The step could not do its job because of something outside the portal (a removal the directory refused: a
	 * member someone added, a gMSA that still trusts the group, an object changed by hand); its detail names the
	 * object, the blocker and what to do. The run stops here and is resumed once the blocker is gone.
	 */
	NEEDS_ATTENTION

}
