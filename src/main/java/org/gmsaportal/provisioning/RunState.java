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

	/** Given up by an admin; its name claim is released. */
	ABANDONED,

	/** A succeeded run whose objects a decommission run removed. */
	DECOMMISSIONED;

	boolean resumable() {
		return this == FAILED || this == INTERRUPTED;
	}

}
