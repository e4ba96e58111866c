package org.gmsaportal.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.LongAdder;

import org.gmsaportal.support.BenchTable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where a chained append's time goes when every event is a transaction of its own (as every append was before
 * group commit, and as an append inside a caller's transaction still is): the same statements as
 * {@link ChainAppender}, each phase timed. Prints milliseconds per event against the whole append's.
 */
final class AppendPhases {

	private final LongAdder lock = new LongAdder();

	private final LongAdder hashing = new LongAdder();

	private final LongAdder writes = new LongAdder();

	private final LongAdder commit = new LongAdder();

	private final LongAdder events = new LongAdder();

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final ChainHasher hasher;

	AppendPhases(JdbcTemplate jdbc, TransactionTemplate transactions, ChainHasher hasher) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.hasher = hasher;
	}

	/** One event in a transaction of its own, timed phase by phase. */
	void appendOne() {
		long[] marks = new long[4];
		marks[0] = System.nanoTime();
		this.transactions.executeWithoutResult(status -> {
			Object[] head = this.jdbc.queryForObject("SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE",
					(rs, n) -> new Object[] { rs.getLong(1), rs.getString(2) });
			marks[1] = System.nanoTime();
			long seq = (long) head[0] + 1;
			AuditRow row = new PendingEvent("system", "SYSTEM", "", null, "bench.phases", "CN=bench,DC=lab,DC=test",
					"SUCCESS", "{}", null, null)
				.at(seq, Instant.now().truncatedTo(ChronoUnit.MILLIS), (String) head[1]);
			String hash = ChainHasher.hash(row);
			String mac = this.hasher.checkpointMac(seq, hash);
			marks[2] = System.nanoTime();
			this.jdbc.update("INSERT INTO audit_event (" + AuditSql.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
					+ "?, ?, ?, ?)", seq, OffsetDateTime.ofInstant(row.occurredAt(), ZoneOffset.UTC), row.actor(),
					row.actorKind(), row.actorRoles(), null, row.action(), row.target(), row.outcome(), row.details(),
					null, null, row.prevHash(), hash);
			this.jdbc.update("UPDATE audit_chain_head SET seq = ?, hash = ?, mac = ? WHERE id = 1", seq, hash, mac);
			marks[3] = System.nanoTime();
		});
		long end = System.nanoTime();
		this.lock.add(marks[1] - marks[0]);
		this.hashing.add(marks[2] - marks[1]);
		this.writes.add(marks[3] - marks[2]);
		this.commit.add(end - marks[3]);
		this.events.increment();
	}

	/**
	 * Where group commit's time went while {@code threads} threads appended: events per batch, then each phase in
	 * microseconds (per batch, or per event for the queue and the wake-up) against the whole batch's.
	 */
	static void groupCommit(BenchTable table, int threads, AppendTimings.Snapshot spent) {
		String prefix = "group commit, " + threads + " thr: ";
		double batch = 0;
		for (AppendTimings.Phase phase : AppendTimings.Phase.values()) {
			batch += perBatch(phase) ? spent.msPerBatch(phase) * 1000 : 0;
		}
		table.add(prefix + "events/batch (baseline: batches)",
				(spent.batches() == 0) ? 0 : (double) spent.events() / spent.batches(), spent.batches());
		table.add(prefix + "head read first (baseline: batches)", spent.headReads(), spent.batches());
		for (AppendTimings.Phase phase : AppendTimings.Phase.values()) {
			double micros = (perBatch(phase) ? spent.msPerBatch(phase) : spent.msPerEvent(phase)) * 1000;
			table.add(prefix + phase.name().toLowerCase(java.util.Locale.ROOT)
					+ (perBatch(phase) ? ", us/batch" : ", us/event"), micros, batch);
		}
	}

	private static boolean perBatch(AppendTimings.Phase phase) {
		return phase != AppendTimings.Phase.QUEUED && phase != AppendTimings.Phase.WAKE;
	}

	/** Adds one line per phase: its milliseconds per event, against the whole append's. */
	void report(BenchTable table, int threads, Duration spent) {
		double n = this.events.sum();
		double whole = (this.lock.sum() + this.hashing.sum() + this.writes.sum() + this.commit.sum()) / 1e6 / n;
		String prefix = "1 tx/event, " + threads + " threads: ";
		table.add(prefix + "begin + head lock wait, ms", this.lock.sum() / 1e6 / n, whole);
		table.add(prefix + "hash + HMAC, ms", this.hashing.sum() / 1e6 / n, whole);
		table.add(prefix + "INSERT + head UPDATE, ms", this.writes.sum() / 1e6 / n, whole);
		table.add(prefix + "commit, ms", this.commit.sum() / 1e6 / n, whole);
		table.add(prefix + "ev/s (baseline: wall ms/event)", n / (spent.toNanos() / 1e9), whole);
	}

}
