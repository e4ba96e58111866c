package org.gmsaportal.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends events to the {@code audit_event} table, chaining each to the one before.
 *
 * <p>
 * The chain head row is locked ({@code SELECT ... FOR UPDATE}) for the length of the transaction, so
 * concurrent appends, even from several portal instances, take sequence numbers one after another
 * without gaps, and an event rolls back together with the change it records.
 */
@Component
class JdbcAuditTrail implements AuditTrail {

	private static final Logger auditLogger = LoggerFactory.getLogger("gmsa.audit");

	private static final int MAX_DETAILS = 16000;

	private final JdbcClient jdbc;

	private final ChainHasher hasher;

	private final JsonMapper json = JsonMapper.builder().build();

	private final AuditWriteStatus writes;

	JdbcAuditTrail(JdbcClient jdbc, ChainHasher hasher, AuditWriteStatus writes) {
		this.jdbc = jdbc;
		this.hasher = hasher;
		this.writes = writes;
	}

	@Override
	@Transactional
	public void record(AuditEvent event) {
		try {
			append(event);
			this.writes.succeeded();
		}
		catch (DataAccessException | IllegalStateException ex) {
			this.writes.failed(ex);
			throw new AuditUnavailableException(
					"The audit trail cannot be written, so '" + event.action() + "' was not carried out", ex);
		}
	}

	private void append(AuditEvent event) {
		Head head = this.jdbc.sql("SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
			.query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
			.optional()
			.orElseThrow(() -> new IllegalStateException("audit_chain_head row is missing"));
		Actor actor = (event.actor() != null) ? event.actor() : CurrentActor.resolve();
		String details = this.json.writeValueAsString(Redaction.redact(event.details()));
		if (details.length() > MAX_DETAILS) {
			details = this.json.writeValueAsString(
					java.util.Map.of("truncated", true, "length", details.length()));
		}
		// A run's events name the run and its ticket themselves; only an HTTP request's id comes from the thread.
		String correlationId = (event.correlationId() != null) ? event.correlationId() : MDC.get(CORRELATION_MDC_KEY);
		String ticketRef = event.ticketRef();
		AuditRow unhashed = new AuditRow(head.seq() + 1, Instant.now().truncatedTo(ChronoUnit.MILLIS),
				clip(actor.name(), 256), actor.kind().name(), String.join(",", actor.roles()),
				clip(actor.sourceAddress(), 64), clip(event.action(), 128), clip(event.target(), 1024),
				event.outcome().name(), details, clip(correlationId, 128), clip(ticketRef, 128),
				head.hash(), "");
		String hash = ChainHasher.hash(unhashed);
		insert(unhashed, hash);
		int moved = this.jdbc.sql("UPDATE audit_chain_head SET seq = ?, hash = ?, mac = ? WHERE id = 1 AND seq = ?")
			.params(unhashed.seq(), hash, this.hasher.checkpointMac(unhashed.seq(), hash), head.seq())
			.update();
		if (moved != 1) {
			throw new IllegalStateException("audit chain head moved concurrently");
		}
		auditLogger.info("audit seq={} action={} outcome={} actor={} target={} hash={}", unhashed.seq(),
				unhashed.action(), unhashed.outcome(), unhashed.actor(), unhashed.target(), hash);
	}

	private void insert(AuditRow row, String hash) {
		this.jdbc.sql("INSERT INTO audit_event (" + AuditSql.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(row.seq(), OffsetDateTime.ofInstant(row.occurredAt(), ZoneOffset.UTC), row.actor(),
					row.actorKind(), row.actorRoles(), row.sourceAddress(), row.action(), row.target(), row.outcome(),
					row.details(), row.correlationId(), row.ticketRef(), row.prevHash(), hash)
			.update();
	}

	private static @Nullable String clip(@Nullable String value, int max) {
		if (value == null) {
			return null;
		}
		return (value.length() <= max) ? value : value.substring(0, max - 1) + "…";
	}

	private record Head(long seq, String hash) {
		Head {
			Objects.requireNonNull(hash);
		}
	}

}
