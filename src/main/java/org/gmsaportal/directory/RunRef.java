package org.gmsaportal.directory;

import org.jspecify.annotations.Nullable;

/**
 * The run a write belongs to, for its audit events.
 *
 * @param runId the run's id, the events' correlation id
 * @param ticket the ticket the run was filed under, if any
 */
public record RunRef(String runId, @Nullable String ticket) {

	/** At most what AD's {@code description} holds (rangeUpper 1024). */
	static final int MAX_DESCRIPTION = 1024;

	/**
	 * The {@code description} of every object the run creates, so that an admin who finds it in ADUC knows
	 * where it came from; the portal's marker ({@code adminDescription}) stays separate and fixed.
	 */
	public String provenance() {
		String text = "Created by gMSA Portal run " + this.runId
				+ ((this.ticket != null) ? " for ticket " + this.ticket : " (no ticket)");
		return (text.length() > MAX_DESCRIPTION) ? text.substring(0, MAX_DESCRIPTION) : text;
	}

}
