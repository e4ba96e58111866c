package org.gmsaportal.inventory;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An object the portal made that no longer matches the portal's record of it.
 *
 * @param subject what drifted (same form as {@link Finding#subject()})
 * @param kind how
 * @param detail what the record says and what the live object holds, e.g. {@code SPNs: recorded [HTTP/a] now [HTTP/b]}
 * @param runId the run that made the object
 * @param firstSeen the first snapshot that had it; {@code null} until a snapshot keeps it
 */
public record Drift(String subject, DriftKind kind, String detail, String runId, @Nullable Instant firstSeen) {

	/** The identity of a drift across snapshots. */
	public String key() {
		return this.kind + " " + this.subject;
	}

	public Drift firstSeen(Instant when) {
		return new Drift(this.subject, this.kind, this.detail, this.runId, when);
	}

}
