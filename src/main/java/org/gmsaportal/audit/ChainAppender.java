package org.gmsaportal.audit;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;

/**
 * Chains events onto the head of {@code audit_event} inside the transaction that calls it.
 *
 * <p>
 * The chain head row is locked for the length of the transaction, so appends, even from several portal instances,
 * take sequence numbers one after another without gaps. Several events are chained under one lock, inserted as one
 * statement and move the head once: that is what makes group commit cheaper per event than one transaction each.
 *
 * <p>
 * The head is not read first: the events are chained onto the head as this instance last moved it, and the update
 * that moves it (and so locks it) names that head's sequence number and hash. Only when it moved no row (another
 * instance, a transaction that rolled back, or a start) is the head read under lock and the chain made again. A
 * guess never links an event to the wrong predecessor: the update moves the head only from exactly that head.
 */
@Component
class ChainAppender {

	private static final Logger auditLogger = LoggerFactory.getLogger("gmsa.audit");

	private static final int COLUMNS = 14;

	private static final String INSERT = "INSERT INTO audit_event (" + AuditSql.COLUMNS + ") VALUES ";

	private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private final JdbcTemplate jdbc;

	private final ChainHasher hasher;

	private final AppendTimings timings;

	/** The head as this instance last moved it; a guess, checked by the update that moves it. */
	private final AtomicReference<@Nullable Head> lastHead = new AtomicReference<>();

	/** Whether the database is PostgreSQL, once a connection said. */
	private volatile @Nullable Boolean postgres;

	ChainAppender(JdbcTemplate jdbc, ChainHasher hasher, AppendTimings timings) {
		this.jdbc = jdbc;
		this.hasher = hasher;
		this.timings = timings;
	}

	/** Appends the events in their order; must run inside a transaction, which the rows then belong to. */
	void append(List<PendingEvent> events) {
		append(events, System.nanoTime());
	}

	/**
	 * Appends the events as {@link #append(List)} does, timing its phases from {@code start}.
	 * @return {@link System#nanoTime()} when the rows were inserted
	 */
	long append(List<PendingEvent> events, long start) {
		long mark = start;
		Head guess = this.lastHead.get();
		List<AuditRow> rows = List.of();
		boolean moved = false;
		if (guess != null) {
			rows = chain(guess, events);
			mark = this.timings.add(AppendTimings.Phase.CHAIN, mark);
			moved = moveHead(guess, rows);
		}
		if (!moved) {
			this.timings.headRead();
			Head head = this.jdbc.query("SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE",
					(rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
				.stream()
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("audit_chain_head row is missing"));
			rows = chain(head, events);
			if (!moveHead(head, rows)) {
				throw new IllegalStateException("audit chain head moved concurrently");
			}
		}
		mark = this.timings.add(AppendTimings.Phase.HEAD, mark);
		insert(rows);
		mark = this.timings.add(AppendTimings.Phase.INSERT, mark);
		written(rows);
		return mark;
	}

	/**
	 * On PostgreSQL, outside any transaction: moves the head from the last known one and inserts the rows in one
	 * statement, which autocommit makes a transaction of its own, so a batch costs one round trip where a
	 * transaction takes three. A data-modifying WITH runs exactly once, and the INSERT takes its rows only if that
	 * moved the head: the statement does both or neither, and a row the database refuses undoes the move.
	 * @return whether the batch was written; when not (another database, no autocommit, or the head is not the last
	 * known one), nothing was, and the batch goes through {@link #append(List, long)} in a transaction
	 */
	boolean appendAlone(List<PendingEvent> events, long start) {
		Head guess = this.lastHead.get();
		if (Boolean.FALSE.equals(this.postgres) || guess == null) {
			return false;
		}
		List<AuditRow> rows = chain(guess, events);
		long mark = this.timings.add(AppendTimings.Phase.CHAIN, start);
		AuditRow last = rows.get(rows.size() - 1);
		List<Object> args = new ArrayList<>(5 + rows.size() * COLUMNS);
		args.addAll(List.of(last.seq(), last.hash(), this.hasher.checkpointMac(last.seq(), last.hash()), guess.seq(),
				guess.hash()));
		StringBuilder values = new StringBuilder(rows.size() * (ROW.length() + 2));
		for (AuditRow row : rows) {
			values.append(values.isEmpty() ? ROW : ", " + ROW);
			args.addAll(Arrays.asList(params(row)));
		}
		String sql = "WITH head AS (UPDATE audit_chain_head SET seq = ?, hash = ?, mac = ? WHERE id = 1 AND seq = ? "
				+ "AND hash = ? RETURNING seq) INSERT INTO audit_event (" + AuditSql.COLUMNS + ") SELECT * FROM ("
				+ "VALUES " + values + ") AS batch (" + AuditSql.COLUMNS + ") WHERE EXISTS (SELECT 1 FROM head)";
		Integer inserted = this.jdbc.execute((ConnectionCallback<Integer>) connection -> {
			if (this.postgres == null) {
				this.postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
			}
			if (!this.postgres || !connection.getAutoCommit()) {
				return 0;
			}
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				new ArgumentPreparedStatementSetter(args.toArray()).setValues(statement);
				return statement.executeUpdate();
			}
		});
		this.timings.add(AppendTimings.Phase.INSERT, mark);
		if (inserted == null || inserted == 0) {
			return false;
		}
		if (inserted != rows.size()) {
			throw new IllegalStateException("audit_event took " + inserted + " of " + rows.size() + " rows");
		}
		written(rows);
		return true;
	}

	/** Remembers the new head and logs the rows, once they are written. */
	private void written(List<AuditRow> rows) {
		AuditRow last = rows.get(rows.size() - 1);
		this.lastHead.set(new Head(last.seq(), last.hash()));
		for (AuditRow row : rows) {
			auditLogger.info("audit seq={} action={} outcome={} actor={} target={} hash={}", row.seq(), row.action(),
					row.outcome(), row.actor(), row.target(), row.hash());
		}
	}

	private static List<AuditRow> chain(Head head, List<PendingEvent> events) {
		List<AuditRow> rows = new ArrayList<>(events.size());
		long seq = head.seq();
		String prev = head.hash();
		for (PendingEvent event : events) {
			AuditRow unhashed = event.at(++seq, Instant.now().truncatedTo(ChronoUnit.MILLIS), prev);
			prev = ChainHasher.hash(unhashed);
			rows.add(withHash(unhashed, prev));
		}
		return rows;
	}

	/** Moves the head from {@code from} to the last row, locking it; false when the head is not {@code from}. */
	private boolean moveHead(Head from, List<AuditRow> rows) {
		AuditRow last = rows.get(rows.size() - 1);
		return this.jdbc.update(
				"UPDATE audit_chain_head SET seq = ?, hash = ?, mac = ? WHERE id = 1 AND seq = ? AND hash = ?",
				last.seq(), last.hash(), this.hasher.checkpointMac(last.seq(), last.hash()), from.seq(),
				from.hash()) == 1;
	}

	/** All rows in one statement: one execution in the database, however many events the batch holds. */
	private void insert(List<AuditRow> rows) {
		StringBuilder sql = new StringBuilder(INSERT.length() + rows.size() * (ROW.length() + 2)).append(INSERT);
		Object[] args = new Object[rows.size() * COLUMNS];
		for (int i = 0; i < rows.size(); i++) {
			sql.append((i == 0) ? ROW : ", " + ROW);
			System.arraycopy(params(rows.get(i)), 0, args, i * COLUMNS, COLUMNS);
		}
		int inserted = this.jdbc.update(sql.toString(), args);
		if (inserted != rows.size()) {
			throw new IllegalStateException("audit_event took " + inserted + " of " + rows.size() + " rows");
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
