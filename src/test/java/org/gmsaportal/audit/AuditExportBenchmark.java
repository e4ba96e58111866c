package org.gmsaportal.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gmsaportal.support.LabServices;
import org.gmsaportal.support.PostgresDatabase;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Streams a CSV export of 1,000,000 audit events over HTTP ({@code GET /audit/export.csv}, signed in, through
 * Tomcat on loopback) and prints time and heap figures, against a baseline in the same run: the same export written
 * in process to a sink that counts bytes (no HTTP). Heap figures are per generation, sampled every 20 ms from the
 * JVM's memory pools: the young generation's peak, the old generation's growth over the export, the peak of the
 * whole heap over the live heap before it, and the live heap after a full collection at the end (what the export
 * left behind). The client reads through a 64 KiB buffer in the same JVM.
 *
 * <p>
 * Not part of {@code verify}: run with {@code ./mvnw -B test -Pbench -Dtest=AuditExportBenchmark}, on PostgreSQL
 * when the {@code GMSA_TEST_POSTGRES_*} settings of scripts/lab-postgres.sh are set ({@code scripts/bench.sh export}),
 * else on an H2 file. The profile caps the heap at 128 MiB, well under the export's size, so an export that
 * buffered would fail rather than pass slowly.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:file:${java.io.tmpdir}/gmsa-bench-${random.uuid}/audit",
		"logging.level.gmsa.audit=WARN" })
class AuditExportBenchmark {

	private static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ChainHasher hasher;

	@Autowired
	AuditLog auditLog;

	@DynamicPropertySource
	static void postgresWhenThere(DynamicPropertyRegistry registry) {
		if (postgres()) {
			PostgresDatabase.register(registry);
		}
	}

	private static boolean postgres() {
		return !LabServices.valueOrEmpty("GMSA_TEST_POSTGRES_URL").isEmpty();
	}

	@Test
	void exportMillionRowsAsCsv() throws Exception {
		long generateStart = System.nanoTime();
		generate();
		double generateSeconds = (System.nanoTime() - generateStart) / 1e9;
		long verifyStart = System.nanoTime();
		ChainVerification verified = this.auditLog.verify();
		double verifySeconds = (System.nanoTime() - verifyStart) / 1e9;
		if (!verified.intact()) {
			throw new AssertionError("the generated trail does not verify: " + verified.problem());
		}

		HeapSampler baselineHeap = new HeapSampler();
		long baselineStart = System.nanoTime();
		AtomicLong scanned = new AtomicLong();
		this.auditLog.export(AuditQuery.all(), AuditLog.Export.Format.CSV).writeTo(new CountingSink(scanned));
		double baselineSeconds = (System.nanoTime() - baselineStart) / 1e9;
		Heap baseline = baselineHeap.stop();

		HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		signIn(client);
		HeapSampler exportHeap = new HeapSampler();
		long exportStart = System.nanoTime();
		long lines = 0;
		long bytes = 0;
		HttpResponse<InputStream> response = client.send(
				HttpRequest.newBuilder(URI.create(url("/audit/export.csv"))).build(),
				HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream in = response.body()) {
			byte[] buffer = new byte[64 * 1024];
			for (int n; (n = in.read(buffer)) > 0;) {
				bytes += n;
				for (int i = 0; i < n; i++) {
					if (buffer[i] == '\n') {
						lines++;
					}
				}
			}
		}
		double exportSeconds = (System.nanoTime() - exportStart) / 1e9;
		Heap export = exportHeap.stop();

		System.out.printf("%nCSV export of %,d audit events over HTTP (%s, max heap %d MiB, %,d lines, %,d bytes)%n",
				ROWS, postgres() ? "PostgreSQL" : "H2", Runtime.getRuntime().maxMemory() >> 20, lines, bytes);
		System.out.printf("generated (chained in Java, %s) in %.1f s; verified by the portal in %.1f s: intact, "
				+ "%,d events%n", postgres() ? "COPY" : "batched INSERT", generateSeconds, verifySeconds,
				verified.eventsChecked());
		System.out.printf("| %-58s | %10s | %10s | %9s |%n", "figure", "HTTP", "in process", "ratio");
		row("time, s", exportSeconds, baselineSeconds);
		row("rows/s", ROWS / exportSeconds, ROWS / baselineSeconds);
		row("heap growth: peak over the live heap before, MiB", mib(export.peakGrowth()), mib(baseline.peakGrowth()));
		row("young generation peak, MiB", mib(export.youngPeak()), mib(baseline.youngPeak()));
		row("old generation growth over the export, MiB", mib(export.oldGrowth()), mib(baseline.oldGrowth()));
		row("live heap after a full GC at the end - before, MiB", mib(export.retained()), mib(baseline.retained()));
		System.out.printf("goal: heap growth < 100 MB (%.1f MiB); HTTP export: %.2fx of it%n%n", 100e6 / (1 << 20),
				export.peakGrowth() / 100e6);
		if (lines < ROWS + 1) {
			throw new AssertionError("export ended early: " + lines + " lines");
		}
	}

	private static void row(String figure, double value, double baseline) {
		System.out.printf("| %-58s | %10.1f | %10.1f | %8.2fx |%n", figure, value, baseline, value / baseline);
	}

	private static double mib(long bytes) {
		return bytes / (double) (1 << 20);
	}

	/**
	 * Loads {@link #ROWS} chained events: each hashed onto the one before in Java, as the appender chains them, then
	 * loaded in chunks of 10,000 (PostgreSQL: COPY, with the secondary indexes dropped for the load: the export and
	 * the verification read the primary key only; H2: batched INSERTs), the head moved and signed onto the last, and
	 * the whole chain verified once by the portal before anything is exported, so the export is of a trail the
	 * portal calls intact. Generating with one transaction per event took more than 20 minutes at 1 M.
	 */
	private void generate() {
		if (postgres()) {
			// the throwaway database's owner lifts the append-only triggers for the load, as AuditScaleBenchmark does
			this.jdbc.update("ALTER TABLE audit_event DISABLE TRIGGER USER");
			for (String index : this.jdbc.queryForList("SELECT i.indexname FROM pg_indexes i WHERE i.tablename = "
					+ "'audit_event' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
					String.class)) {
				this.jdbc.update("DROP INDEX " + index);
			}
		}
		else {
			this.jdbc.update("DROP TRIGGER IF EXISTS audit_event_no_delete");
		}
		this.jdbc.update("DELETE FROM audit_event");
		String prev = AuditRow.GENESIS;
		Instant base = Instant.parse("2026-01-01T00:00:00Z");
		List<AuditRow> chunk = new ArrayList<>();
		for (long seq = 1; seq <= ROWS; seq++) {
			AuditRow row = new AuditRow(seq, base.plusMillis(seq * 10), "user" + (seq % 97), "PERSON", "ADMIN",
					"10.0.0." + (seq % 250), "directory.gmsa.create", "CN=svc" + seq + ",OU=Service Accounts,DC=lab,DC=test",
					"SUCCESS", "{\"spns\":[\"host/svc" + seq + "\"],\"interval\":30}", "run-" + (seq / 10), null, prev, "");
			String hash = ChainHasher.hash(row);
			chunk.add(new AuditRow(row.seq(), row.occurredAt(), row.actor(), row.actorKind(), row.actorRoles(),
					row.sourceAddress(), row.action(), row.target(), row.outcome(), row.details(), row.correlationId(),
					row.ticketRef(), prev, hash));
			prev = hash;
			if (chunk.size() == 10_000) {
				load(chunk);
			}
		}
		load(chunk);
		this.jdbc.update("UPDATE audit_chain_head SET seq = ?, hash = ?, mac = ? WHERE id = 1", ROWS, prev,
				this.hasher.checkpointMac(ROWS, prev));
		if (postgres()) {
			this.jdbc.update("ALTER TABLE audit_event ENABLE TRIGGER USER");
			this.jdbc.update("ANALYZE audit_event");
		}
	}

	private void load(List<AuditRow> chunk) {
		if (chunk.isEmpty()) {
			return;
		}
		if (postgres()) {
			StringBuilder copy = new StringBuilder(chunk.size() * 400);
			for (AuditRow row : chunk) {
				copy.append(row.seq()).append('\t').append(OffsetDateTime.ofInstant(row.occurredAt(), ZoneOffset.UTC));
				for (String value : new String[] { row.actor(), row.actorKind(), row.actorRoles(), row.sourceAddress(),
						row.action(), row.target(), row.outcome(), row.details(), row.correlationId(), row.ticketRef(),
						row.prevHash(), row.hash() }) {
					copy.append('\t').append((value == null) ? "\\N" : copyText(value));
				}
				copy.append('\n');
			}
			this.jdbc.execute((ConnectionCallback<Long>) connection -> {
				try {
					String sql = "COPY audit_event (" + AuditSql.COLUMNS + ") FROM STDIN";
					StringReader rows = new StringReader(copy.toString());
					return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, rows);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		else {
			List<Object[]> batch = chunk.stream().map(row -> new Object[] { row.seq(),
					OffsetDateTime.ofInstant(row.occurredAt(), ZoneOffset.UTC), row.actor(), row.actorKind(),
					row.actorRoles(), row.sourceAddress(), row.action(), row.target(), row.outcome(), row.details(),
					row.correlationId(), row.ticketRef(), row.prevHash(), row.hash() }).toList();
			this.jdbc.batchUpdate("INSERT INTO audit_event (" + AuditSql.COLUMNS
					+ ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch);
		}
		chunk.clear();
	}

	/** COPY's text format: backslash, tab, newline and carriage return escaped. */
	private static String copyText(String value) {
		return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
	}

	private void signIn(HttpClient client) throws Exception {
		String login = client.send(HttpRequest.newBuilder(URI.create(url("/login"))).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		Matcher csrf = CSRF.matcher(login);
		if (!csrf.find()) {
			throw new AssertionError("no CSRF token on the login page");
		}
		String form = "username=admin&password=test-admin-password&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		client.send(HttpRequest.newBuilder(URI.create(url("/login")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.discarding());
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	/** Counts bytes and throws them away. */
	private static final class CountingSink extends java.io.OutputStream {

		private final AtomicLong count;

		CountingSink(AtomicLong count) {
			this.count = count;
		}

		@Override
		public void write(int b) {
			this.count.incrementAndGet();
		}

		@Override
		public void write(byte[] b, int off, int len) {
			this.count.addAndGet(len);
		}

	}

	/** What one export did to the heap, in bytes. */
	private record Heap(long peakGrowth, long youngPeak, long oldGrowth, long retained) {
	}

	/**
	 * Samples the heap's pools every 20 ms: the whole heap's and the young generation's peaks, and the old
	 * generation's; before and after, the live heap after a full collection.
	 */
	private static final class HeapSampler {

		private final AtomicLong peak = new AtomicLong();

		private final AtomicLong youngPeak = new AtomicLong();

		private final AtomicLong oldPeak = new AtomicLong();

		private final long liveBefore;

		private final long oldBefore;

		private final Thread thread;

		private volatile boolean running = true;

		HeapSampler() throws InterruptedException {
			this.liveBefore = live();
			this.oldBefore = used(false);
			this.thread = new Thread(() -> {
				while (this.running) {
					this.youngPeak.accumulateAndGet(used(true), Math::max);
					this.oldPeak.accumulateAndGet(used(false), Math::max);
					this.peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
							Math::max);
					try {
						Thread.sleep(20);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			});
			this.thread.setDaemon(true);
			this.thread.start();
		}

		Heap stop() throws InterruptedException {
			this.running = false;
			this.thread.join();
			return new Heap(this.peak.get() - this.liveBefore, this.youngPeak.get(), this.oldPeak.get() - this.oldBefore,
					live() - this.liveBefore);
		}

		private static long live() throws InterruptedException {
			System.gc();
			Thread.sleep(200);
			return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		}

		// G1's pools: "G1 Eden Space" and "G1 Survivor Space" are young, "G1 Old Gen" old (Serial and Parallel name
		// theirs Eden, Survivor, Tenured or Old Gen alike).
		private static long used(boolean young) {
			long used = 0;
			for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
				String name = pool.getName();
				boolean isYoung = name.contains("Eden") || name.contains("Survivor");
				boolean isOld = name.contains("Old") || name.contains("Tenured");
				if (pool.getType() == MemoryType.HEAP && (young ? isYoung : isOld)) {
					used += pool.getUsage().getUsed();
				}
			}
			return used;
		}

	}

}
