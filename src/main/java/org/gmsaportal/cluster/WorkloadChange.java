package org.gmsaportal.cluster;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What pointing one workload at the credential spec does (review) or did (run), or what giving its fields back did.
 *
 * @param workload the workload
 * @param outcome what happened or would happen
 * @param diff the server's dry-run diff, one line per field; empty when nothing changes or nothing could be asked
 * @param message what the admin should know, naming the object, the field and the field manager where one is in the
 * way, and what to do; {@code null} when all is well
 * @param uid the workload's uid, so decommission touches this object and not a namesake created later
 */
public record WorkloadChange(WorkloadRef workload, Outcome outcome, List<String> diff, @Nullable String message,
		@Nullable String uid) {

	public WorkloadChange {
		diff = List.copyOf(diff);
	}

	/** Whether the workload blocks the run: the plan shows it, and nothing is applied. */
	public boolean blocks() {
		return this.outcome == Outcome.NOT_FOUND || this.outcome == Outcome.LINUX_ONLY
				|| this.outcome == Outcome.CONFLICT;
	}

	/** What happens to one workload. */
	public enum Outcome {

		/** The portal's fields are (or would be) set. */
		PATCHED,
		/** It already has exactly the portal's fields: nothing is sent. */
		UNCHANGED,
		/** There is no such workload in the namespace. */
		NOT_FOUND,
		/** Its node selector pins it to Linux nodes. */
		LINUX_ONLY,
		/** Another field manager owns a field the portal would set; never forced. */
		CONFLICT,
		/** The portal's fields were given back; the workload stays. */
		RELEASED,
		/** The workload is gone, or is a different object now: nothing to give back. */
		ALREADY_GONE

	}

}
