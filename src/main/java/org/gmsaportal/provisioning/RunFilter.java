package org.gmsaportal.provisioning;

import org.jspecify.annotations.Nullable;

/**
 * Which runs to list; a null field does not filter.
 *
 * @param state exactly this state
 * @param gmsaName the gMSA name contains this (case-insensitive)
 * @param ticketRef exactly this ticket reference
 */
public record RunFilter(@Nullable RunState state, @Nullable String gmsaName, @Nullable String ticketRef) {

	/** No filter: every run. */
	public static RunFilter all() {
		return new RunFilter(null, null, null);
	}

}
