package org.gmsaportal.provisioning;

/**
 * Where a run stands.
 */
public enum RunState {

	/** Executing in the background. */
	RUNNING,

	/** All steps succeeded or were skipped. */
	SUCCEEDED,

	/** A step failed; resumable from that step. */
	FAILED,

	/** The portal stopped while it ran; resumable. */
	INTERRUPTED,

	/**
	 * A step was blocked by something outside the portal (see {@link StepState#NEEDS_ATTENTION}); resumable once
	 * the admin removed the blocker. A decommission run in this state has not removed everything: the provisioning
	 * run it removes stays SUCCEEDED until a resume finishes the job.
	 */
	NEEDS_ATTENTION,

	/** Given up by an admin; its name claim is released. */
	ABANDONED,

	/** A succeeded run whose objects a decommission run removed. */
	DECOMMISSIONED;

	/** Whether an admin may resume (or abandon) the run: it stopped before its last step and nothing runs it. */
	public boolean resumable() {
		return this == FAILED || this == INTERRUPTED || this == NEEDS_ATTENTION;
	}

}
