package org.gmsaportal.audit;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;

/**
 * Chains events onto the head of {@code audit_event} inside the transaction that calls it.
 *
 * <p>
 * The chain head row is locked ({@code SELECT ... FOR UPDATE}) for the length of the transaction, so appends,
 * even from several portal instances, take sequence numbers one after another without gaps. Several events are
 * chained under one lock, inserted as one JDBC batch and move the head once: that is what makes group commit
 * cheaper per event than one transaction each.
 */
@Component
class ChainAppender {

	private static final Logger auditLogger = LoggerFactory.getLogger("gmsa.audit");

	private static final String INSERT = "INSERT INTO audit_event (" + AuditSql.COLUMNS
			+ ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private final JdbcTemplate jdbc;

	private final ChainHasher hasher;

	ChainAppender(JdbcTemplate jdbc, ChainHasher hasher) {
		this.jdbc = jdbc;
		this.hasher = hasher;
	}

	/** Appends the events in their order; must run inside a transaction, which the rows then belong to. */
	void append(List<PendingEvent> events) {
		Head head = this.jdbc.query("SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE",
				(rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
			.stream()
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("audit_chain_head row is missing"));
		List<AuditRow> rows = new ArrayList<>(events.size());
		long seq = head.seq();
		String prev = head.hash();
		for (PendingEvent event : events) {
			AuditRow unhashed = event.at(++seq, Instant.now().truncatedTo(ChronoUnit.MILLIS), prev);
			prev = ChainHasher.hash(unhashed);
			rows.add(withHash(unhashed, prev));
		}
		this.jdbc.batchUpdate(INSERT, rows.stream().map(ChainAppender::params).toList());
		int moved = this.jdbc.update("UPDATE audit_chain_head SET seq = ?, hash = ?, mac = ? WHERE id = 1 AND seq = ?",
				seq, prev, this.hasher.checkpointMac(seq, prev), head.seq());
		if (moved != 1) {
			throw new IllegalStateException("audit chain head moved concurrently");
		}
		for (AuditRow row : rows) {
			auditLogger.info("audit seq={} action={} outcome={} actor={} target={} hash={}", row.seq(), row.action(),
					row.outcome(), row.actor(), row.target(), row.hash());
		}
	}

	private static AuditRow withHash(AuditRow row, String hash) {
		return new AuditRow(row.seq(), row.occurredAt(), row.actor(), row.actorKind(), row.actorRoles(),
				row.sourceAddress(), row.action(), row.target(), row.outcome(), row.details(), row.correlationId(),
				row.ticketRef(), row.prevHash(), hash);
	}

	private static Object[] params(AuditRow row) {
		return new Object[] { row.seq(), OffsetDateTime.ofInstant(row.occurredAt(), ZoneOffset.UTC), row.actor(),
				row.actorKind(), row.actorRoles(), text(row.sourceAddress()), row.action(), row.target(), row.outcome(),
				row.details(), text(row.correlationId()), text(row.ticketRef()), row.prevHash(), row.hash() };
	}

	/** A typed null spares the driver a round trip to ask the server what type the parameter has. */
	private static SqlParameterValue text(@Nullable String value) {
		return new SqlParameterValue(Types.VARCHAR, value);
	}

	private record Head(long seq, String hash) {
		Head {
			Objects.requireNonNull(hash);
		}
	}

}
