package org.gmsaportal.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the audit trail promises, run against each supported database by a subclass.
 *
 * <p>
 * Tampering tests switch the append-only triggers off first, as an attacker with DBA rights would.
 */
@SpringBootTest
abstract class AuditTrailContract {

	@Autowired
	AuditTrail trail;

	@Autowired
	AuditLog log;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	AuditCheckpoints checkpoints;

	@Autowired
	ChainHasher hasher;

	/** The database's append-only triggers, which an attacker with DBA rights switches off. */
	abstract AppendOnlyTriggers triggers();

	@BeforeEach
	void emptyTrail() {
		asAttacker(() -> {
			this.jdbc.sql("DELETE FROM audit_event").update();
			this.jdbc.sql("UPDATE audit_chain_head SET seq = 0, hash = ?, mac = '' WHERE id = 1")
				.param(AuditRow.GENESIS).update();
			this.jdbc.sql("DELETE FROM local_user WHERE username = 'probe'").update();
		});
		AuditCheckpointTampering.clear(this.checkpoints.directory());
	}

	@Test
	void eventsChainEachToThePreviousOne() {
		recordEvents(3);
		List<AuditRow> rows = rows();
		assertThat(rows).extracting(AuditRow::seq).containsExactly(1L, 2L, 3L);
		assertThat(rows.get(0).prevHash()).isEqualTo(AuditRow.GENESIS);
		assertThat(rows.get(1).prevHash()).isEqualTo(rows.get(0).hash());
		assertThat(rows.get(2).prevHash()).isEqualTo(rows.get(1).hash());
		assertThat(rows).allSatisfy(row -> assertThat(ChainHasher.hash(row)).isEqualTo(row.hash()));
	}

	@Test
	void verificationPassesOnAnIntactTrail() {
		recordEvents(5);
		ChainVerification result = this.log.verify();
		assertThat(result.intact()).isTrue();
		assertThat(result.eventsChecked()).isEqualTo(5);
		assertThat(result.firstBadSeq()).isNull();
	}

	@Test
	void anEventsTicketIsTheOneItNamesNeverTheThreads() {
		// What the thread executing a run puts in the MDC, for its log lines.
		org.slf4j.MDC.put("correlationId", "run-1");
		org.slf4j.MDC.put("ticketRef", "RITM0001");
		try {
			this.trail.record(AuditEvent.of("directory.gmsa.ensure", "CN=a", AuditOutcome.SUCCESS)
				.withCorrelation("run-1", "RITM0001"));
			this.trail.record(AuditEvent.of("cluster.object.apply", "Secret a", AuditOutcome.SUCCESS));
			this.trail.record(AuditEvent.of("api.callback.delivered", "b", AuditOutcome.SUCCESS)
				.withCorrelation("request-2", null));
		}
		finally {
			org.slf4j.MDC.remove("correlationId");
			org.slf4j.MDC.remove("ticketRef");
		}
		List<AuditRow> rows = rows();
		assertThat(rows.get(0).correlationId()).isEqualTo("run-1");
		assertThat(rows.get(0).ticketRef()).as("the run and ticket, named by the caller").isEqualTo("RITM0001");
		assertThat(rows.get(1).correlationId()).as("an event naming none gets the thread's correlation id")
			.isEqualTo("run-1");
		assertThat(rows.get(1).ticketRef()).as("but never the thread's ticket").isNull();
		assertThat(rows.get(2).correlationId()).isEqualTo("request-2");
		assertThat(rows.get(2).ticketRef()).isNull();
	}

	@Test
	void verificationNamesAnAlteredEvent() {
		recordEvents(5);
		asAttacker(() -> this.jdbc.sql("UPDATE audit_event SET target = 'something else' WHERE seq = 3").update());
		ChainVerification result = this.log.verify();
		assertThat(result.intact()).isFalse();
		assertThat(result.firstBadSeq()).isEqualTo(3L);
		assertThat(result.problem()).contains("Event 3 was altered");
	}

	@Test
	void verificationNamesADeletedEvent() {
		recordEvents(5);
		asAttacker(() -> this.jdbc.sql("DELETE FROM audit_event WHERE seq = 3").update());
		ChainVerification result = this.log.verify();
		assertThat(result.intact()).isFalse();
		assertThat(result.firstBadSeq()).isEqualTo(3L);
		assertThat(result.problem()).contains("Event 3 is missing");
	}

	@Test
	void verificationNamesAReplacedEventThatHashesCorrectly() {
		recordEvents(5);
		AuditRow original = rows().get(2);
		AuditRow forged = new AuditRow(3, original.occurredAt(), "someone-else", original.actorKind(),
				original.actorRoles(), original.sourceAddress(), original.action(), original.target(),
				original.outcome(), original.details(), null, null, original.prevHash(), "");
		asAttacker(() -> {
			this.jdbc.sql("DELETE FROM audit_event WHERE seq = 3").update();
			insert(forged, ChainHasher.hash(forged));
		});
		ChainVerification result = this.log.verify();
		assertThat(result.intact()).isFalse();
		assertThat(result.firstBadSeq()).isEqualTo(4L);
		assertThat(result.problem()).contains("Event 4 does not link to event 3");
	}

	@Test
	void verificationNamesAnEventAppendedOutsideThePortal() {
		recordEvents(5);
		AuditRow last = rows().get(4);
		AuditRow forged = new AuditRow(6, last.occurredAt(), "intruder", "PERSON", "", null, "auth.login", "x",
				"SUCCESS", "{}", null, null, last.hash(), "");
		asAttacker(() -> insert(forged, ChainHasher.hash(forged)));
		ChainVerification result = this.log.verify();
		assertThat(result.intact()).isFalse();
		assertThat(result.firstBadSeq()).isEqualTo(6L);
		assertThat(result.problem()).contains("added after the signed chain head");
	}

	@Test
	void deletingTheNewestEventsIsDetected() {
		recordEvents(5);
		asAttacker(() -> this.jdbc.sql("DELETE FROM audit_event WHERE seq > 3").update());
		ChainVerification result = this.log.verify();
		assertThat(result.intact()).isFalse();
		assertThat(result.firstBadSeq()).isEqualTo(4L);
		assertThat(result.problem()).contains("Events 4 to 5 are missing");
	}

	@Test
	void movingTheHeadBackWithoutTheKeyIsDetected() {
		recordEvents(5);
		AuditRow third = rows().get(2);
		asAttacker(() -> {
			this.jdbc.sql("DELETE FROM audit_event WHERE seq > 3").update();
			this.jdbc.sql("UPDATE audit_chain_head SET seq = 3, hash = ?, mac = ? WHERE id = 1")
				.params(third.hash(), "f".repeat(64)).update();
		});
		ChainVerification result = this.log.verify();
		assertThat(result.intact()).isFalse();
		assertThat(result.problem()).contains("changed outside the portal");
	}

	@Test
	void theDatabaseRefusesUpdateAndDelete() {
		recordEvents(2);
		assertThatThrownBy(() -> this.jdbc.sql("UPDATE audit_event SET actor = 'x' WHERE seq = 1").update())
			.hasStackTraceContaining("append-only");
		assertThatThrownBy(() -> this.jdbc.sql("DELETE FROM audit_event WHERE seq = 2").update())
			.hasStackTraceContaining("append-only");
		assertThat(rows()).hasSize(2);
		assertThat(this.log.verify().intact()).isTrue();
	}

	@Test
	void anAuditWriteFailureStopsTheAction() {
		// Renaming is not a row change, so the triggers do not object; the table is simply gone.
		this.jdbc.sql("ALTER TABLE audit_event RENAME TO audit_event_offline").update();
		try {
			assertThatThrownBy(() -> this.transactions.executeWithoutResult(status -> {
				this.jdbc.sql("INSERT INTO local_user (username, password_hash, role, created_at, updated_at) "
						+ "VALUES ('probe', 'x', 'ADMIN', ?, ?)")
					.params(now(), now()).update();
				this.trail.record(AuditEvent.of("test.action", "probe", AuditOutcome.SUCCESS));
			})).isInstanceOf(AuditUnavailableException.class).hasMessageContaining("'test.action' was not carried out");
		}
		finally {
			this.jdbc.sql("ALTER TABLE audit_event_offline RENAME TO audit_event").update();
		}
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM local_user WHERE username = 'probe'").query(Long.class)
			.single()).isZero();
		assertThat(this.log.verify().intact()).isTrue();
	}

	@Test
	void secretValuesAreRedactedBeforeStorage() {
		this.trail.record(AuditEvent.of("test.secret", "x", AuditOutcome.SUCCESS)
			.withDetails(Map.of("bindPassword", "hunter2-secret", "nested", Map.of("clientSecret", "s3cr3t-value"),
					"user", "svc-web")));
		String stored = rows().get(0).details();
		assertThat(stored).doesNotContain("hunter2-secret").doesNotContain("s3cr3t-value").contains("svc-web")
			.contains("[REDACTED]");
	}

	@Test
	void concurrentAppendsKeepTheChainGaplessAndIntact() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> futures = new java.util.ArrayList<>();
			for (int t = 0; t < 4; t++) {
				futures.add(pool.submit(() -> recordEvents(25)));
			}
			for (Future<?> future : futures) {
				future.get();
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(rows()).extracting(AuditRow::seq)
			.containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 100).boxed().toList());
		assertThat(this.log.verify().intact()).isTrue();
	}

	@Test
	void exportsCarryEveryHashedFieldSoTheyVerifyOffline() throws Exception {
		this.trail.record(AuditEvent.of("test.csv", "CN=a,\"quoted\"\nnext line", AuditOutcome.SUCCESS));
		recordEvents(2);
		ByteArrayOutputStream csv = new ByteArrayOutputStream();
		this.log.export(AuditQuery.all(), AuditLog.Export.Format.CSV).writeTo(csv);
		String text = csv.toString(StandardCharsets.UTF_8);
		assertThat(text).startsWith("seq,occurred_at,").contains("\"CN=a,\"\"quoted\"\"\nnext line\"");
		ByteArrayOutputStream json = new ByteArrayOutputStream();
		this.log.export(AuditQuery.all(), AuditLog.Export.Format.JSON).writeTo(json);
		JsonNode array = JsonMapper.builder().build().readTree(json.toByteArray());
		// each export is audited before it streams: 3 events, the CSV export, the JSON export
		assertThat(array.size()).isEqualTo(5);
		for (JsonNode node : array) {
			AuditRow row = new AuditRow(node.get("seq").asLong(), java.time.Instant.parse(node.get("occurredAt").asString()),
					node.get("actor").asString(), node.get("actorKind").asString(), node.get("actorRoles").asString(),
					text(node, "sourceAddress"), node.get("action").asString(), node.get("target").asString(),
					node.get("outcome").asString(), node.get("details").asString(), text(node, "correlationId"),
					text(node, "ticketRef"), node.get("prevHash").asString(), node.get("hash").asString());
			assertThat(ChainHasher.hash(row)).isEqualTo(row.hash());
		}
		assertThat(array.get(4).get("action").asString()).isEqualTo("audit.export");
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

	void recordEvents(int count) {
		for (int i = 0; i < count; i++) {
			this.trail.record(AuditEvent.of("test.event", "target-" + i, AuditOutcome.SUCCESS)
				.withDetails(Map.of("i", i)));
		}
	}

	List<AuditRow> rows() {
		return this.jdbc.sql("SELECT * FROM audit_event ORDER BY seq").query(AuditSql::map)
			.list();
	}

	void insert(AuditRow row, String hash) {
		this.jdbc.sql("INSERT INTO audit_event (seq, occurred_at, actor, actor_kind, actor_roles, source_address, "
				+ "action, target, outcome, details, correlation_id, ticket_ref, prev_hash, hash) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(row.seq(), OffsetDateTime.ofInstant(row.occurredAt(), ZoneOffset.UTC), row.actor(), row.actorKind(),
					row.actorRoles(), row.sourceAddress(), row.action(), row.target(), row.outcome(), row.details(),
					row.correlationId(), row.ticketRef(), row.prevHash(), hash)
			.update();
	}

	void asAttacker(Runnable action) {
		triggers().bypassedFor(this.jdbc, action);
	}

	private static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}

}
