package org.gmsaportal.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.gmsaportal.support.BenchTable;
import org.gmsaportal.support.PostgresDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * P2 of issue 18 on PostgreSQL: chained append throughput at 1 and 16 threads against a plain one-row INSERT per
 * transaction, then verification at {@code bench.rows} (1,000,000) events ({@link AuditFilterBenchmark} measures
 * the filters). Prints a table of figure, baseline in the same run and ratio; asserts nothing about time.
 *
 * <p>
 * Not part of {@code verify}: {@code scripts/bench.sh p2} runs it ({@code ./mvnw -B test -Pbench
 * -Dtest=AuditScaleBenchmark} with the {@code GMSA_TEST_POSTGRES_*} settings of scripts/lab-postgres.sh).
 */
@SpringBootTest(properties = "logging.level.gmsa.audit=WARN")
class AuditScaleBenchmark {

	private static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);

	private static final Duration APPEND_TIME = Duration.ofSeconds(Integer.getInteger("bench.append.seconds", 8));

	private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	AuditTrail trail;

	@Autowired
	AuditLog auditLog;

	@Autowired
	ChainHasher hasher;

	@Autowired
	AppendTimings timings;

	private final BenchTable table = new BenchTable("P2 audit on PostgreSQL");

	@BeforeAll
	static void requirePostgres() {
		PostgresDatabase.require();
	}

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresDatabase.register(registry);
	}

	@Test
	void appendVerifyAndFilter() throws Exception {
		this.jdbc.update("ALTER TABLE audit_event DISABLE TRIGGER USER");
		this.jdbc.update("DROP TABLE IF EXISTS bench_plain");
		this.jdbc.update("CREATE TABLE bench_plain AS SELECT * FROM audit_event WHERE false");
		// Not the goal's baseline: the same plain INSERT into a table with audit_event's indexes, to show their share.
		this.jdbc.update("DROP TABLE IF EXISTS bench_indexed");
		this.jdbc.update("CREATE TABLE bench_indexed (LIKE audit_event INCLUDING ALL)");
		for (int threads : new int[] { 1, 16 }) {
			this.timings.reset();
			double chained = throughput(threads, () -> this.trail.record(AuditEvent
				.of("bench.append", "CN=bench,DC=lab,DC=test", AuditOutcome.SUCCESS).withActor(Actor.system())));
			AppendTimings.Snapshot spent = this.timings.snapshot();
			AtomicLong plainSeq = new AtomicLong(10_000_000L * threads);
			double plain = throughput(threads, () -> plainInsert("bench_plain", plainSeq.incrementAndGet()));
			double indexed = throughput(threads, () -> plainInsert("bench_indexed", plainSeq.incrementAndGet()));
			this.table.add("chained append, " + threads + " thread(s), ev/s", chained, plain);
			this.table.add("plain INSERT, audit_event's indexes, " + threads + " thr, rows/s", indexed, plain);
			AppendPhases.groupCommit(this.table, threads, spent);
			// Before group commit every append was a transaction of its own, as one inside a caller's still is.
			double perEvent = throughput(threads, () -> this.transactions.executeWithoutResult(status -> this.trail
				.record(AuditEvent.of("bench.append", "CN=bench,DC=lab,DC=test", AuditOutcome.SUCCESS)
					.withActor(Actor.system()))));
			this.table.add("chained, 1 tx/event (main), " + threads + " thread(s), ev/s", perEvent, plain);
		}
		AppendPhases phases = new AppendPhases(this.jdbc, this.transactions, this.hasher);
		long phasesStart = System.nanoTime();
		throughput(16, phases::appendOne);
		phases.report(this.table, 16, Duration.ofNanos(System.nanoTime() - phasesStart));
		this.jdbc.update("DROP TABLE bench_plain");
		this.jdbc.update("DROP TABLE bench_indexed");

		long generateStart = System.nanoTime();
		generate();
		this.jdbc.update("ANALYZE audit_event");
		System.out.printf("generated %,d events in %.1f s%n", ROWS, (System.nanoTime() - generateStart) / 1e9);

		double scan = seconds(() -> scanAll());
		double verify = seconds(() -> {
			if (!this.auditLog.verify().intact()) {
				throw new AssertionError("generated chain does not verify");
			}
		});
		this.table.add("verify " + ROWS + " events, s", verify, scan);

		this.table.print("the audit filters at this size: AuditFilterBenchmark");
		this.jdbc.update("ALTER TABLE audit_event ENABLE TRIGGER USER");
	}

	private void plainInsert(String table, long seq) {
		this.transactions.executeWithoutResult(status -> this.jdbc.update("INSERT INTO " + table + " ("
				+ AuditSql.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row(seq, "x")));
	}

	/** Events per second that {@code threads} threads reach calling {@code append} for {@link #APPEND_TIME}. */
	private static double throughput(int threads, Runnable append) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		AtomicLong done = new AtomicLong();
		long end = System.nanoTime() + APPEND_TIME.toNanos();
		long start = System.nanoTime();
		List<Future<?>> workers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			workers.add(pool.submit(() -> {
				while (System.nanoTime() < end) {
					append.run();
					done.incrementAndGet();
				}
			}));
		}
		for (Future<?> worker : workers) {
			worker.get();
		}
		pool.shutdown();
		return done.get() / ((System.nanoTime() - start) / 1e9);
	}

	private static double seconds(Runnable action) {
		long start = System.nanoTime();
		action.run();
		return (System.nanoTime() - start) / 1e9;
	}

	private void scanAll() {
		long after = 0;
		for (List<AuditRow> rows; !(rows = this.auditLog.after(AuditQuery.all(), after, 1000)).isEmpty();) {
			after = rows.get(rows.size() - 1).seq();
		}
	}

	/** Replaces the trail with {@link #ROWS} chained events: 97 actors, a rare one, three outcomes, a year. */
	private void generate() {
		this.jdbc.update("DELETE FROM audit_event");
		String prev = AuditRow.GENESIS;
		List<Object[]> batch = new ArrayList<>();
		for (long seq = 1; seq <= ROWS; seq++) {
			Object[] values = row(seq, prev);
			String hash = ChainHasher.hash(toRow(values));
			values[13] = hash;
			batch.add(values);
			prev = hash;
			if (batch.size() == 5_000) {
				insert(batch);
			}
		}
		insert(batch);
		this.jdbc.update("UPDATE audit_chain_head SET seq = ?, hash = ?, mac = ? WHERE id = 1", ROWS, prev,
				this.hasher.checkpointMac(ROWS, prev));
	}

	private static Object[] row(long seq, String prev) {
		boolean rare = seq % 100_003 == 0;
		String actor = rare ? "rare.person" : "user" + (seq % 97);
		String action = rare ? "directory.kds.create" : (seq % 3 == 0) ? "auth.login" : "directory.gmsa.create";
		String outcome = (seq % 1000 == 0) ? "DENIED" : (seq % 50 == 0) ? "FAILURE" : "SUCCESS";
		OffsetDateTime at = OffsetDateTime.ofInstant(BASE.plusSeconds(seq * 30), ZoneOffset.UTC);
		return new Object[] { seq, at, actor, "PERSON", "ADMIN", "10.0.0." + (seq % 250), action,
				"CN=svc" + seq + ",OU=Service Accounts,DC=lab,DC=test", outcome,
				"{\"spns\":[\"host/svc" + seq + "\"]}", "run-" + (seq / 10), null, prev, "" };
	}

	private static AuditRow toRow(Object[] v) {
		return new AuditRow((long) v[0], ((OffsetDateTime) v[1]).toInstant(), (String) v[2], (String) v[3],
				(String) v[4], (String) v[5], (String) v[6], (String) v[7], (String) v[8], (String) v[9],
				(String) v[10], null, (String) v[12], "");
	}

	private void insert(List<Object[]> batch) {
		this.jdbc.batchUpdate("INSERT INTO audit_event (" + AuditSql.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
				+ "?, ?, ?, ?, ?)", batch);
		batch.clear();
	}

}
