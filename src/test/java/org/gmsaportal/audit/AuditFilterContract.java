package org.gmsaportal.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which events each audit filter returns, as the web page (newest first, capped count) and the API (oldest first)
 * read them, on each supported database: PostgreSQL answers from the indexes of V26 and V29, H2 by scanning, and
 * both must return the same events.
 */
@SpringBootTest
abstract class AuditFilterContract {

	private static final Instant BASE = Instant.parse("2026-03-01T00:00:00Z");

	@Autowired
	AuditLog log;

	@Autowired
	JdbcClient jdbc;

	/** The database's append-only triggers, switched off to empty the trail and write events with set times. */
	abstract AppendOnlyTriggers triggers();

	@BeforeEach
	void trail() {
		triggers().bypassedFor(this.jdbc, () -> {
			this.jdbc.sql("DELETE FROM audit_event").update();
			event(1, "alice", "auth.login", "portal", "SUCCESS", "{}");
			event(2, "Alice", "directory.gmsa.ensure", "CN=web01,OU=Service Accounts,DC=lab,DC=test", "SUCCESS",
					"{\"spns\":[\"HTTP/web01.lab.test\"]}");
			event(3, "alice2", "directory.gmsa.ensure", "CN=web02,DC=lab,DC=test", "DENIED", "{}");
			event(4, "malice", "auth.login", "portal", "FAILURE", "{\"reason\":\"100% wrong\"}");
			event(5, "system", "audit.verify", "audit_event", "SUCCESS", "{\"intact\":true}");
			event(6, "api:ticketing", "api.request.file", "REQ-7", "DENIED", "{\"note\":\"web01 again\"}");
			event(7, "ALICE", "auth.logout", "portal", "DENIED", "{}");
		});
	}

	@Test
	void actorIsTheWholeNameIgnoringCaseNotAPartOfIt() {
		AuditQuery alice = query("  aLiCe ", null, null);
		assertThat(newestFirst(alice)).containsExactly(7L, 2L, 1L);
		assertThat(oldestFirst(alice)).containsExactly(1L, 2L, 7L);
		assertThat(this.log.countUpTo(alice, 1000)).isEqualTo(3);
		assertThat(newestFirst(query("lic", null, null))).isEmpty();
	}

	@Test
	void freeTextFindsActorActionTargetAndDetailsIgnoringCase() {
		assertThat(newestFirst(query(null, null, "WEB01"))).containsExactly(6L, 2L);
		assertThat(newestFirst(query(null, null, "http/web01.LAB"))).containsExactly(2L);
		assertThat(newestFirst(query(null, null, "mAlIcE"))).containsExactly(4L);
		assertThat(newestFirst(query(null, null, "audit.ver"))).containsExactly(5L);
		assertThat(oldestFirst(query(null, null, "web0"))).containsExactly(2L, 3L, 6L);
	}

	@Test
	void freeTextTakesWildcardsLiterallyAndNeverMatchesAcrossTwoFields() {
		assertThat(newestFirst(query(null, null, "100%"))).containsExactly(4L);
		assertThat(newestFirst(query(null, null, "1_0"))).isEmpty();
		// event 5: actor "system", action "audit.verify"; the fields are searched one by one, never joined
		assertThat(newestFirst(query(null, null, "systemaudit"))).isEmpty();
		assertThat(newestFirst(query(null, null, "system\naudit"))).isEmpty();
		assertThat(newestFirst(query(null, null, "system audit"))).isEmpty();
	}

	@Test
	void outcomeReadsPageByPageWithoutSkippingOrRepeating() {
		AuditQuery denied = new AuditQuery(null, null, null, null, AuditOutcome.DENIED, null, null);
		assertThat(seqs(this.log.before(denied, Long.MAX_VALUE, 2))).containsExactly(7L, 6L);
		assertThat(seqs(this.log.before(denied, 6, 2))).containsExactly(3L);
		assertThat(seqs(this.log.after(denied, 3, 2))).containsExactly(6L, 7L);
		assertThat(this.log.countUpTo(denied, 1)).as("counts no further than one past the cap").isEqualTo(2);
	}

	@Test
	void filtersCombineWithATimeWindow() {
		AuditQuery window = new AuditQuery(BASE.plusSeconds(2 * 60), BASE.plusSeconds(7 * 60), "alice", null, null,
				null, null);
		assertThat(newestFirst(window)).containsExactly(2L);
		AuditQuery refusedLately = new AuditQuery(BASE.plusSeconds(4 * 60), null, null, null, AuditOutcome.DENIED,
				null, null);
		assertThat(newestFirst(refusedLately)).containsExactly(7L, 6L);
		AuditQuery loginsByAlice = new AuditQuery(null, null, "ALICE", "auth.", null, null, null);
		assertThat(newestFirst(loginsByAlice)).containsExactly(7L, 1L);
	}

	private static AuditQuery query(String actor, String action, String text) {
		return new AuditQuery(null, null, actor, action, null, text, null);
	}

	private List<Long> newestFirst(AuditQuery query) {
		return seqs(this.log.before(query, Long.MAX_VALUE, 50));
	}

	private List<Long> oldestFirst(AuditQuery query) {
		return seqs(this.log.after(query, 0, 50));
	}

	private static List<Long> seqs(List<AuditRow> rows) {
		return rows.stream().map(AuditRow::seq).toList();
	}

	/** An event at {@code seq} minutes after {@link #BASE}; the chain does not matter to filters. */
	private void event(long seq, String actor, String action, String target, String outcome, String details) {
		this.jdbc.sql("INSERT INTO audit_event (" + AuditSql.COLUMNS + ") VALUES (?, ?, ?, 'PERSON', 'ADMIN', NULL, ?, "
				+ "?, ?, ?, NULL, NULL, ?, ?)")
			.params(seq, OffsetDateTime.ofInstant(BASE.plusSeconds(seq * 60), ZoneOffset.UTC), actor, action, target,
					outcome, details, AuditRow.GENESIS, AuditRow.GENESIS)
			.update();
	}

}
