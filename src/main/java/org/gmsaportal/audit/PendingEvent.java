package org.gmsaportal.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An event as its caller's thread described it (actor, correlation id and details already resolved, since the
 * thread that writes it may be another caller's), waiting for its place in the chain.
 */
record PendingEvent(String actor, String actorKind, String actorRoles, @Nullable String sourceAddress,
		String action, String target, String outcome, String details, @Nullable String correlationId,
		@Nullable String ticketRef) {

	/** The event at its place in the chain, before it is hashed. */
	AuditRow at(long seq, Instant occurredAt, String prevHash) {
		return new AuditRow(seq, occurredAt, this.actor, this.actorKind, this.actorRoles, this.sourceAddress,
				this.action, this.target, this.outcome, this.details, this.correlationId, this.ticketRef, prevHash,
				"");
	}

}
