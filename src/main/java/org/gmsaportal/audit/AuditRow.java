package org.gmsaportal.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One stored audit event, exactly as the chain hashes it.
 *
 * @param seq position in the chain, from 1, without gaps
 * @param occurredAt when it happened (UTC, millisecond precision)
 * @param actor who acted
 * @param actorKind PERSON, API_CLIENT or SYSTEM
 * @param actorRoles the actor's roles, comma-separated
 * @param sourceAddress the client address, if any
 * @param action dotted action name
 * @param target what was acted on
 * @param outcome SUCCESS, FAILURE or DENIED
 * @param details JSON object with secret values redacted
 * @param correlationId run or request id, if any
 * @param ticketRef ticket reference, if any
 * @param prevHash hash of the previous event (64 zeros for the first)
 * @param hash SHA-256 over prevHash and this event's canonical form
 */
public record AuditRow(long seq, Instant occurredAt, String actor, String actorKind, String actorRoles,
		@Nullable String sourceAddress, String action, String target, String outcome, String details,
		@Nullable String correlationId, @Nullable String ticketRef, String prevHash, String hash) {

	/** The prevHash of the first event. */
	public static final String GENESIS = "0".repeat(64);

}
