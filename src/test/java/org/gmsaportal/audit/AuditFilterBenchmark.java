package org.gmsaportal.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.gmsaportal.support.BenchTable;
import org.gmsaportal.support.PostgresDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Item 3 and the {@code /dashboards} row of issue 18 on PostgreSQL: every audit filter of the web page (capped count
 * + keyset page of 51, newest first) and of the API (keyset page of 51, oldest first), and the {@code /dashboards} and
 * {@code /audit} pages rendered for one user, at {@code bench.rows} (1,000,000) events. Each figure is a p95 of
 * {@value #SAMPLES} runs against the p95 of a primary-key lookup in the same run; nothing about time is asserted.
 *
 * <p>
 * The events are written by SQL (the chain's hashes do not matter to filters; {@link AuditScaleBenchmark} measures
 * appending and verifying a real chain), ending now so that the dashboards' last day holds events, and then vacuumed
 * and analyzed, as autovacuum does after a bulk of inserts in production: a trigram index's pending list is merged
 * and the planner sees the indexes' real sizes. {@code scripts/bench.sh p2} runs it.
 */
@SpringBootTest(properties = "logging.level.gmsa.audit=WARN")
@AutoConfigureMockMvc
class AuditFilterBenchmark {

	private static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);

	private static final int SAMPLES = 40;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AuditLog auditLog;

	@Autowired
	ChainHasher hasher;

	@Autowired
	MockMvc mvc;

	private final BenchTable table = new BenchTable("P2 audit filters on PostgreSQL");

	@BeforeAll
	static void requirePostgres() {
		PostgresDatabase.require();
	}

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresDatabase.register(registry);
	}

	@Test
	void everyFilterAndTheDashboards() throws Exception {
		Instant end = events(this.jdbc, this.auditLog, this.hasher);

		double key = p95(() -> this.jdbc.queryForList("SELECT " + AuditSql.COLUMNS + " FROM audit_event WHERE seq = ?",
				ThreadLocalRandom.current().nextLong(1, ROWS + 1)));
		Instant start = end.minusSeconds(30L * ROWS);
		Instant day = start.plus(Duration.ofDays(100));
		web("actor, rare (9 events)", filter(null, null, "Rare.Person", null, null, null), key);
		web("actor, common (1 %)", filter(null, null, "user5", null, null, null), key);
		web("free text, 1,111 matches", filter(null, null, null, null, null, "svc777"), key);
		web("free text, every event", filter(null, null, null, null, null, "dc=lab"), key);
		web("free text, 1 match", filter(null, null, null, null, null, "svc424242,"), key);
		web("outcome DENIED (0.1 %)", filter(null, null, null, null, AuditOutcome.DENIED, null), key);
		web("outcome DENIED, last 24 h", filter(end.minus(Duration.ofDays(1)), null, null, null,
				AuditOutcome.DENIED, null), key);
		web("one day", filter(day, day.plus(Duration.ofDays(1)), null, null, null, null), key);
		web("action starts with, rare", filter(null, null, null, "directory.kds", null, null), key);
		this.table.add("web page 2,000 of all (keyset), p95 ms",
				p95(() -> this.auditLog.before(AuditQuery.all(), ROWS - 2000 * 50, 51)), key);
		api("actor, rare", filter(null, null, "rare.person", null, null, null), key);
		api("action, rare", filter(null, null, null, "directory.kds", null, null), key);
		api("one day", filter(day, day.plus(Duration.ofDays(1)), null, null, null, null), key);
		api("correlation id", new AuditQuery(null, null, null, null, null, null, "run-4242"), key);
		AuditQuery deniedToday = filter(end.minus(Duration.ofDays(1)), null, null, null, AuditOutcome.DENIED, null);
		AuditQuery verifications = filter(null, null, null, "audit.verify", null, null);
		this.table.add("the dashboards' audit reads, p95 ms", p95(() -> {
			this.auditLog.size();
			this.auditLog.countUpTo(deniedToday, 1000);
			this.auditLog.before(verifications, Long.MAX_VALUE, 1);
			return this.auditLog.before(AuditQuery.all(), Long.MAX_VALUE, 1);
		}), key);
		page("/dashboards", key);
		page("/audit", key);
		page("/audit?actor=rare.person", key);
		page("/audit?text=svc777", key);
		this.table.print("baseline: p95 of a primary-key lookup of one event; p95 of " + SAMPLES + " runs, "
				+ String.format("%,d", ROWS) + " events");
	}

	/** The web list's two reads: the count that stops past 1,000 and the newest page. */
	private void web(String name, AuditQuery query, double baseline) {
		this.table.add("web " + name + ", p95 ms", p95(() -> {
			this.auditLog.countUpTo(query, 1000);
			return this.auditLog.before(query, Long.MAX_VALUE, 51);
		}), baseline);
	}

	private void api(String name, AuditQuery query, double baseline) {
		this.table.add("API " + name + ", p95 ms", p95(() -> this.auditLog.after(query, 0, 51)), baseline);
	}

	/** A whole page rendered for one signed-in auditor, p50 and p95. */
	private void page(String path, double baseline) {
		double[] ms = samples(() -> {
			try {
				return this.mvc.perform(get(path).with(user("auditor").roles("AUDITOR"))).andExpect(status().isOk());
			}
			catch (Exception ex) {
				throw new IllegalStateException(path, ex);
			}
		});
		this.table.add("page " + path + ", p50 ms", ms[ms.length / 2], baseline);
		this.table.add("page " + path + ", p95 ms", percentile95(ms), baseline);
	}

	private static AuditQuery filter(Instant from, Instant to, String actor, String action, AuditOutcome outcome,
			String text) {
		return new AuditQuery(from, to, actor, action, outcome, text, null);
	}

	static double p95(java.util.function.Supplier<?> query) {
		return percentile95(samples(query));
	}

	static double[] samples(java.util.function.Supplier<?> query) {
		query.get();
		double[] ms = new double[SAMPLES];
		for (int i = 0; i < SAMPLES; i++) {
			long start = System.nanoTime();
			query.get();
			ms[i] = (System.nanoTime() - start) / 1e6;
		}
		Arrays.sort(ms);
		return ms;
	}

	static double percentile95(double[] sorted) {
		return sorted[(int) Math.ceil(0.95 * sorted.length) - 1];
	}

	/**
	 * Makes sure the trail holds the {@link #ROWS} bench events (written once, reused by a later run or by
	 * {@link DashboardsBenchmark}); the newest one's time.
	 */
	static Instant events(JdbcTemplate jdbc, AuditLog auditLog, ChainHasher hasher) {
		Instant end = reusable(auditLog);
		if (end == null) {
			end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
			long generateStart = System.nanoTime();
			generate(jdbc, hasher, end);
			System.out.printf("generated %,d events in %.1f s (vacuumed and analyzed)%n", ROWS,
					(System.nanoTime() - generateStart) / 1e9);
		}
		return end;
	}

	/**
	 * The newest event's time when the trail already holds the {@link #ROWS} events this benchmark (or
	 * {@link AuditScaleBenchmark}) writes, so that a second run measures without writing them again; else null.
	 */
	private static Instant reusable(AuditLog auditLog) {
		List<AuditRow> newest = auditLog.before(AuditQuery.all(), Long.MAX_VALUE, 1);
		if (auditLog.size() != ROWS || newest.isEmpty() || newest.get(0).seq() != ROWS
				|| !newest.get(0).target().startsWith("CN=svc" + ROWS + ",")) {
			return null;
		}
		System.out.printf("reusing the %,d events in the trail%n", ROWS);
		return newest.get(0).occurredAt();
	}

	/**
	 * {@link #ROWS} events, one every 30 s up to {@code end}, as {@link AuditScaleBenchmark} writes them: 97 actors
	 * and a rare one, three actions, 0.1 % refused, a target and details naming {@code svc<seq>}.
	 */
	private static void generate(JdbcTemplate jdbc, ChainHasher hasher, Instant end) {
		jdbc.update("ALTER TABLE audit_event DISABLE TRIGGER USER");
		jdbc.update("TRUNCATE audit_event");
		jdbc.update("""
				INSERT INTO audit_event (%s)
				SELECT s, ?::timestamptz - (? - s) * interval '30 seconds',
					CASE WHEN s %% 100003 = 0 THEN 'rare.person' ELSE 'user' || (s %% 97) END, 'PERSON', 'ADMIN',
					'10.0.0.' || (s %% 250),
					CASE WHEN s %% 100003 = 0 THEN 'directory.kds.create' WHEN s %% 3 = 0 THEN 'auth.login'
						ELSE 'directory.gmsa.create' END,
					'CN=svc' || s || ',OU=Service Accounts,DC=lab,DC=test',
					CASE WHEN s %% 1000 = 0 THEN 'DENIED' WHEN s %% 50 = 0 THEN 'FAILURE' ELSE 'SUCCESS' END,
					'{"spns":["host/svc' || s || '"]}', 'run-' || (s / 10), NULL, repeat('0', 64), repeat('1', 64)
				FROM generate_series(1, ?) s""".formatted(AuditSql.COLUMNS), java.sql.Timestamp.from(end), ROWS,
				ROWS);
		jdbc.update("ALTER TABLE audit_event ENABLE TRIGGER USER");
		String last = "1".repeat(64);
		jdbc.update("UPDATE audit_chain_head SET seq = ?, hash = ?, mac = ? WHERE id = 1", ROWS, last,
				hasher.checkpointMac(ROWS, last));
		jdbc.execute("VACUUM ANALYZE audit_event");
	}

}
