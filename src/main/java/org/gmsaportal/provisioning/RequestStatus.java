package org.gmsaportal.provisioning;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where a filed request stands. The first four are stored with the request; once it has a run, the run decides:
 * a failed, interrupted, needing attention or abandoned run is FAILED, a run whose deployment was removed is
 * DECOMMISSIONED. A rejected request never gets a run: REJECTED is final.
 */
public enum RequestStatus {

	PENDING_APPROVAL, APPROVED, RUNNING, SUCCEEDED, FAILED, DECOMMISSIONED, REJECTED;

	/** Every status, in the order a request moves through them, for filters. */
	public static final List<RequestStatus> ALL = List.of(values());

	/** The status of a request given its stored status and its run, if it has one. */
	public static RequestStatus of(RequestStatus stored, @Nullable RunView run) {
		if (run == null) {
			return stored;
		}
		return of(run.state());
	}

	/** The status a request with a run in this state shows. */
	public static RequestStatus of(RunState state) {
		return switch (state) {
			case RUNNING -> RUNNING;
			case SUCCEEDED -> SUCCEEDED;
			// A run that needs attention did not do its job: never reported as done, resumable like a failed one.
			case FAILED, INTERRUPTED, NEEDS_ATTENTION, ABANDONED -> FAILED;
			case DECOMMISSIONED -> DECOMMISSIONED;
		};
	}

}
