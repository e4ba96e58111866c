package org.gmsaportal.api.v1;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.gmsaportal.audit.AuditLog;
import org.gmsaportal.audit.AuditQuery;
import org.gmsaportal.audit.AuditRow;
import org.gmsaportal.audit.ChainVerification;
import org.gmsaportal.audit.CheckpointRef;
import org.gmsaportal.provisioning.TrailLinks;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail for integrators (scope {@code audit:read}): cursor-paginated events, oldest first, and
 * the chain verification.
 */
@RestController
@RequestMapping(path = "/api/v1/audit-events", produces = "application/json")
class AuditEventsController {

	private final AuditLog auditLog;

	private final JsonMapper json;

	private final TrailLinks links;

	AuditEventsController(AuditLog auditLog, JsonMapper json, TrailLinks links) {
		this.auditLog = auditLog;
		this.json = json;
		this.links = links;
	}

	/**
	 * Events after the cursor, oldest first. The cursor is the sequence number of the last event already
	 * read; pass {@code nextCursor} back until it is null. A request id as {@code correlationId} (or its ticket as
	 * {@code ticket}) returns the request's whole trail: filing, decision, its run, callbacks, decommission.
	 * {@code actor} is an actor's whole name in any case, {@code action} the start of an action name.
	 */
	@GetMapping
	EventPage list(@RequestParam(required = false) @Nullable Instant from,
			@RequestParam(required = false) @Nullable Instant to,
			@RequestParam(required = false) @Size(max = 200) @Nullable String actor,
			@RequestParam(required = false) @Size(max = 128) @Pattern(regexp = "[a-z0-9_.]*") @Nullable String action,
			@RequestParam(required = false) @Size(max = 128) @Nullable String correlationId,
			@RequestParam(required = false) @Size(max = 128) @Nullable String ticket,
			@RequestParam(required = false) @Min(0) @Nullable Long cursor,
			@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
		AuditQuery query = this.links.link(new AuditQuery(from, to, actor, action, null, null, correlationId, ticket,
				Set.of(), Set.of()));
		List<AuditRow> rows = this.auditLog.after(query, (cursor != null) ? cursor : 0, limit + 1);
		boolean more = rows.size() > limit;
		List<Event> events = rows.stream().limit(limit).map(this::event).toList();
		String next = (more && !events.isEmpty()) ? String.valueOf(events.get(events.size() - 1).seq()) : null;
		return new EventPage(events, next);
	}

	@GetMapping("/verification")
	Verification verification() {
		ChainVerification result = this.auditLog.verify();
		CheckpointRef used = result.checkpoint();
		return new Verification(result.intact(), result.eventsChecked(), result.firstBadSeq(), result.problem(),
				result.verifiedAt(), (used != null) ? new Checkpoint(used.seq(), used.time(), used.file()) : null);
	}

	private Event event(AuditRow row) {
		return new Event(row.seq(), row.occurredAt(), row.actor(), row.actorKind(), row.actorRoles(),
				row.sourceAddress(), row.action(), row.target(), row.outcome(), this.json.readTree(row.details()),
				row.correlationId(), row.ticketRef(), row.prevHash(), row.hash());
	}

	/**
	 * One page of events.
	 *
	 * @param events the events, oldest first
	 * @param nextCursor the cursor of the next page, or null on the last page
	 */
	record EventPage(List<Event> events, @Nullable String nextCursor) {
	}

	/** One audit event as the API shows it; {@code details} is a JSON object, secrets already redacted. */
	record Event(long seq, Instant occurredAt, String actor, String actorKind, String actorRoles,
			@Nullable String sourceAddress, String action, String target, String outcome, JsonNode details,
			@Nullable String correlationId, @Nullable String ticketRef, String prevHash, String hash) {
	}

	/**
	 * The result of walking the chain.
	 *
	 * @param valid every event's hash and link are right and the signed head matches
	 * @param checked how many events were read
	 * @param firstInvalidSequence the first bad event, if any
	 * @param problem what is wrong, or a confirmation
	 * @param verifiedAt when the check ran
	 * @param checkpoint the checkpoint, published outside the database, the trail was compared with; null when
	 * none could be read
	 */
	record Verification(boolean valid, long checked, @Nullable Long firstInvalidSequence, String problem,
			Instant verifiedAt, @Nullable Checkpoint checkpoint) {
	}

	/**
	 * A signed checkpoint: the trail reached event {@code sequence} at {@code signedAt}.
	 *
	 * @param sequence the newest event it vouches for
	 * @param signedAt when it was signed
	 * @param file where the portal read it from
	 */
	record Checkpoint(long sequence, Instant signedAt, String file) {
	}

}
