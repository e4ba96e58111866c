package org.gmsaportal.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Filters over the audit trail; a null or blank field does not filter.
 *
 * @param from events at or after this instant
 * @param to events before this instant
 * @param actor actor name contains this (case-insensitive)
 * @param action action starts with this, e.g. {@code auth.} for every sign-in event
 * @param outcome exactly this outcome
 * @param text target, details, actor or action contains this (case-insensitive)
 * @param correlationId exactly this correlation id
 */
public record AuditQuery(@Nullable Instant from, @Nullable Instant to, @Nullable String actor,
		@Nullable String action, @Nullable AuditOutcome outcome, @Nullable String text,
		@Nullable String correlationId) {

	/** No filter: every event. */
	public static AuditQuery all() {
		return new AuditQuery(null, null, null, null, null, null, null);
	}

}
