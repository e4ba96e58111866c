package org.gmsaportal.api.v1;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.gmsaportal.security.NewApiClient;
import org.gmsaportal.support.FakeDirectoryConfig;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A filing's request row commits in the audit trail's group commit batch, with its event (issue 18): when the
 * database refuses the event, the filing is not kept and the client gets a 503 problem, not a 201 for a request the
 * trail does not hold; the same key then files it once the trail is writable. The real trail on H2 (the PostgreSQL
 * path of a batch with changes is the same transaction: {@code AuditedChangeContract}); the directory is the test
 * double {@code FakeDirectory}, the target export-only.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(FakeDirectoryConfig.class)
class FilingAuditOutageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiClients clients;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aFilingWhoseEventTheDatabaseRefusesAnswers503AndKeepsNoRequestAndTheSameKeyFilesItLater() throws Exception {
		NewApiClient filer = this.clients.create("audit-outage-" + UUID.randomUUID(),
				Set.of(ApiScope.REQUESTS_WRITE, ApiScope.REQUESTS_READ), null, List.of(), false);
		String key = "k-" + UUID.randomUUID();
		String body = ExportOnlyFilings.body("ao" + UUID.randomUUID().toString().substring(0, 8), "RITM9");
		// a rule the database enforces stands in for any write of the trail it refuses (a full disk, a lost link);
		// only for events after those already there, which may hold filings of other test classes (shared database)
		long last = this.jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM audit_event").query(Long.class).single();
		this.jdbc.sql("ALTER TABLE audit_event ADD CONSTRAINT audit_event_test_refuse CHECK (action <> "
				+ "'api.request.filed' OR seq <= " + last + ")").update();
		MockHttpServletResponse refused;
		try {
			refused = ExportOnlyFilings.file(this.mvc, filer, key, body);
		}
		finally {
			this.jdbc.sql("ALTER TABLE audit_event DROP CONSTRAINT audit_event_test_refuse").update();
		}
		assertThat(refused.getStatus()).as(refused.getContentAsString()).isEqualTo(503);
		assertThat(refused.getContentAsString()).contains("audit").doesNotContain("Exception", "CHECK");
		assertThat(requests(key)).as("no request without its event").isZero();

		MockHttpServletResponse filed = ExportOnlyFilings.file(this.mvc, filer, key, body);
		assertThat(filed.getStatus()).as(filed.getContentAsString()).isEqualTo(201);
		assertThat(requests(key)).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'api.request.filed' AND "
				+ "correlation_id = (SELECT id FROM api_request WHERE idempotency_key = ?)").param(key)
			.query(Long.class).single()).isEqualTo(1);
	}

	private long requests(String key) {
		return this.jdbc.sql("SELECT COUNT(*) FROM api_request WHERE idempotency_key = ?").param(key)
			.query(Long.class).single();
	}

}
