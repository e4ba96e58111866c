package org.gmsaportal.provisioning;

/**
 * The run is no longer this instance's to execute: its heartbeat went stale and it was marked interrupted, or it
 * has been resumed since. The executor stops without recording anything more.
 */
class LeaseLostException extends RuntimeException {

	LeaseLostException(RunLease lease) {
		super("run " + lease.runId() + " attempt " + lease.attempt() + " is no longer held by " + lease.owner(), null,
				false, false);
	}

}
