package org.gmsaportal.audit;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
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

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Streams a CSV export of 1,000,000 audit events over HTTP and prints time and heap figures, against
 * a baseline in the same run: the same keyset scan with no CSV writing and no HTTP.
 *
 * <p>
 * Not part of {@code verify}: run with {@code ./mvnw -B test -Pbench}. The profile caps the heap at
 * 128 MiB, well under the export's size, so an export that buffered would fail rather than pass slowly.
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

	@Test
	void exportMillionRowsAsCsv() throws Exception {
		long generateStart = System.nanoTime();
		generate();
		double generateSeconds = (System.nanoTime() - generateStart) / 1e9;

		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		HeapSampler baselineHeap = new HeapSampler(memory);
		long baselineStart = System.nanoTime();
		AtomicLong scanned = new AtomicLong();
		this.auditLog.export(AuditQuery.all(), AuditLog.Export.Format.CSV).writeTo(new CountingSink(scanned));
		double baselineSeconds = (System.nanoTime() - baselineStart) / 1e9;
		long baselinePeak = baselineHeap.stop();

		HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		signIn(client);
		HeapSampler exportHeap = new HeapSampler(memory);
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
		long exportPeak = exportHeap.stop();

		System.out.printf("%nAudit export benchmark (%,d events, max heap %d MiB)%n", ROWS,
				Runtime.getRuntime().maxMemory() >> 20);
		System.out.printf("  generate + insert:         %8.1f s%n", generateSeconds);
		System.out.printf("  baseline in-process write: %8.1f s, %,d bytes, peak heap %d MiB%n", baselineSeconds,
				scanned.get(), baselinePeak >> 20);
		System.out.printf("  HTTP CSV export:           %8.1f s, %,d lines, %,d bytes, %,.0f rows/s, peak heap %d MiB%n",
				exportSeconds, lines, bytes, ROWS / exportSeconds, exportPeak >> 20);
		System.out.printf("  ratio HTTP / baseline:     %8.2f%n%n", exportSeconds / baselineSeconds);
		if (lines < ROWS + 1) {
			throw new AssertionError("export ended early: " + lines + " lines");
		}
	}

	private void generate() {
		this.jdbc.update("DROP TRIGGER IF EXISTS audit_event_no_delete");
		this.jdbc.update("DELETE FROM audit_event");
		String prev = AuditRow.GENESIS;
		Instant base = Instant.parse("2026-01-01T00:00:00Z");
		List<Object[]> batch = new ArrayList<>();
		for (long seq = 1; seq <= ROWS; seq++) {
			AuditRow row = new AuditRow(seq, base.plusMillis(seq * 10), "user" + (seq % 97), "PERSON", "ADMIN",
					"10.0.0." + (seq % 250), "directory.gmsa.create", "CN=svc" + seq + ",OU=Service Accounts,DC=lab,DC=test",
					"SUCCESS", "{\"spns\":[\"host/svc" + seq + "\"],\"interval\":30}", "run-" + (seq / 10), null, prev, "");
			String hash = ChainHasher.hash(row);
			batch.add(new Object[] { seq, OffsetDateTime.ofInstant(row.occurredAt(), ZoneOffset.UTC), row.actor(),
					row.actorKind(), row.actorRoles(), row.sourceAddress(), row.action(), row.target(), row.outcome(),
					row.details(), row.correlationId(), null, prev, hash });
			prev = hash;
			if (batch.size() == 10_000) {
				insert(batch);
			}
		}
		insert(batch);
		this.jdbc.update("UPDATE audit_chain_head SET seq = ?, hash = ?, mac = ? WHERE id = 1", ROWS, prev,
				this.hasher.checkpointMac(ROWS, prev));
	}

	private void insert(List<Object[]> batch) {
		this.jdbc.batchUpdate("INSERT INTO audit_event (seq, occurred_at, actor, actor_kind, actor_roles, "
				+ "source_address, action, target, outcome, details, correlation_id, ticket_ref, prev_hash, hash) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch);
		batch.clear();
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

	/** Samples used heap every 20 ms and keeps the highest value. */
	private static final class HeapSampler {

		private final AtomicLong peak = new AtomicLong();

		private final Thread thread;

		private volatile boolean running = true;

		HeapSampler(MemoryMXBean memory) {
			System.gc();
			this.thread = new Thread(() -> {
				while (this.running) {
					this.peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
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

		long stop() throws InterruptedException {
			this.running = false;
			this.thread.join();
			return this.peak.get();
		}

	}

}
