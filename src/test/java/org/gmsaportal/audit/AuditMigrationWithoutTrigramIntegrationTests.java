package org.gmsaportal.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.gmsaportal.support.LabServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrations on a PostgreSQL where the migrating role may not create pg_trgm (it owns the schema but has no
 * CREATE on the database, as on a managed service that allows no extensions): they succeed, only the free-text
 * trigram index is missing, and free text still finds the right events, by scanning.
 */
class AuditMigrationWithoutTrigramIntegrationTests {

	private final String name = "gmsa_no_trgm_" + UUID.randomUUID().toString().substring(0, 8);

	private final String password = "pw-" + UUID.randomUUID();

	private JdbcClient admin;

	@BeforeEach
	void databaseWhoseOwnerMayNotCreateExtensions() {
		String url = LabServices.postgres("GMSA_TEST_POSTGRES_URL");
		this.admin = JdbcClient.create(new DriverManagerDataSource(url, LabServices.postgres("GMSA_TEST_POSTGRES_USER"),
				LabServices.postgres("GMSA_TEST_POSTGRES_PASSWORD")));
		this.admin.sql("CREATE ROLE " + this.name + " LOGIN PASSWORD '" + this.password + "'").update();
		this.admin.sql("CREATE DATABASE " + this.name).update();
		this.admin.sql("REVOKE ALL ON DATABASE " + this.name + " FROM PUBLIC").update();
		this.admin.sql("GRANT CONNECT ON DATABASE " + this.name + " TO " + this.name).update();
		JdbcClient.create(new DriverManagerDataSource(otherDatabase(url), LabServices.postgres(
				"GMSA_TEST_POSTGRES_USER"), LabServices.postgres("GMSA_TEST_POSTGRES_PASSWORD")))
			.sql("ALTER SCHEMA public OWNER TO " + this.name)
			.update();
	}

	@AfterEach
	void dropIt() {
		this.admin.sql("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)").update();
		this.admin.sql("DROP ROLE IF EXISTS " + this.name).update();
	}

	@Test
	void theMigrationsSucceedAndFreeTextStillFindsTheRightEvents() {
		DriverManagerDataSource owner = new DriverManagerDataSource(
				otherDatabase(LabServices.postgres("GMSA_TEST_POSTGRES_URL")), this.name, this.password);
		Flyway.configure()
			.dataSource(owner)
			.locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
			.load()
			.migrate();
		JdbcClient jdbc = JdbcClient.create(owner);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM pg_extension WHERE extname = 'pg_trgm'").query(Long.class).single())
			.isZero();
		assertThat(jdbc.sql("SELECT indexname FROM pg_indexes WHERE tablename = 'audit_event'").query(String.class)
			.list()).contains("audit_event_actor_seq", "audit_event_outcome_time")
			.doesNotContain("audit_event_text_trgm");

		insert(jdbc, 1, "alice", "CN=web01,DC=lab,DC=test");
		insert(jdbc, 2, "bob", "CN=db01,DC=lab,DC=test");
		insert(jdbc, 3, "Alice", "CN=WEB01-b,DC=lab,DC=test");
		assertThat(seqs(jdbc, new AuditQuery(null, null, null, null, null, "web01", null))).containsExactly(3L, 1L);
		assertThat(seqs(jdbc, new AuditQuery(null, null, "ALICE", null, null, null, null))).containsExactly(3L, 1L);
	}

	/** The throwaway server's URL with this test's database instead of the suite's. */
	private String otherDatabase(String url) {
		return url.substring(0, url.lastIndexOf('/') + 1) + this.name;
	}

	private static void insert(JdbcClient jdbc, long seq, String actor, String target) {
		jdbc.sql("INSERT INTO audit_event (" + AuditSql.COLUMNS + ") VALUES (?, ?, ?, 'PERSON', 'ADMIN', NULL, "
				+ "'directory.gmsa.ensure', ?, 'SUCCESS', '{}', NULL, NULL, ?, ?)")
			.params(seq, OffsetDateTime.now(ZoneOffset.UTC), actor, target, AuditRow.GENESIS, AuditRow.GENESIS)
			.update();
	}

	/** Newest first, through the same WHERE clause the portal's reads use. */
	private static List<Long> seqs(JdbcClient jdbc, AuditQuery query) {
		AuditSql.Where where = AuditSql.where(query);
		List<Object> params = new ArrayList<>(where.params());
		return jdbc.sql("SELECT seq FROM audit_event WHERE " + where.clause() + " ORDER BY seq DESC")
			.params(params)
			.query(Long.class)
			.list();
	}

}
