package org.gmsaportal.audit;

import org.gmsaportal.support.PostgresDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit trail on a real PostgreSQL (started by scripts/test.sh), with the same Flyway migrations.
 */
class AuditTrailPostgresIntegrationTests extends AuditGroupCommitContract {

	@BeforeAll
	static void requirePostgres() {
		PostgresDatabase.require();
	}

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresDatabase.register(registry);
	}

	@Override
	AppendOnlyTriggers triggers() {
		return AppendOnlyTriggers.POSTGRESQL;
	}

	@Test
	void theDatabaseRefusesTruncate() {
		recordEvents(1);
		assertThatThrownBy(() -> this.jdbc.sql("TRUNCATE audit_event").update()).hasStackTraceContaining("append-only");
	}

}
