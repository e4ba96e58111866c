package org.gmsaportal.audit;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Filters over the audit trail; a null or blank field does not filter.
 *
 * @param from events at or after this instant
 * @param to events before this instant
 * @param actor exactly this actor name, ignoring case (an index lists one actor's events in order)
 * @param action action starts with this, e.g. {@code auth.} for every sign-in event
 * @param outcome exactly this outcome
 * @param text target, details, actor or action contains this (case-insensitive)
 * @param correlationId exactly this correlation id, or one of {@code correlationLinks}
 * @param ticket events carrying exactly this ticket, or correlated with one of {@code ticketLinks}
 * @param correlationLinks the other ids the trail of {@code correlationId} is recorded under (a request's runs,
 * its decommission): the caller that knows how they are linked adds them, see {@link #linked}
 * @param ticketLinks the ids of the requests and runs filed under {@code ticket}, likewise
 */
public record AuditQuery(@Nullable Instant from, @Nullable Instant to, @Nullable String actor,
		@Nullable String action, @Nullable AuditOutcome outcome, @Nullable String text,
		@Nullable String correlationId, @Nullable String ticket, Set<String> correlationLinks,
		Set<String> ticketLinks) {

	public AuditQuery {
		correlationLinks = Set.copyOf(new LinkedHashSet<>(correlationLinks));
		ticketLinks = Set.copyOf(new LinkedHashSet<>(ticketLinks));
	}

	/** Without a ticket filter and without links. */
	public AuditQuery(@Nullable Instant from, @Nullable Instant to, @Nullable String actor, @Nullable String action,
			@Nullable AuditOutcome outcome, @Nullable String text, @Nullable String correlationId) {
		this(from, to, actor, action, outcome, text, correlationId, null, Set.of(), Set.of());
	}

	/** No filter: every event. */
	public static AuditQuery all() {
		return new AuditQuery(null, null, null, null, null, null, null);
	}

	/** The same filter, also matching events recorded under the linked ids. */
	public AuditQuery linked(Set<String> toCorrelation, Set<String> toTicket) {
		return new AuditQuery(this.from, this.to, this.actor, this.action, this.outcome, this.text, this.correlationId,
				this.ticket, toCorrelation, toTicket);
	}

}
