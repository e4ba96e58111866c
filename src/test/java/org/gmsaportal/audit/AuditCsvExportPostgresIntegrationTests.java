package org.gmsaportal.audit;

import org.gmsaportal.support.PostgresDatabase;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The CSV export verified offline, on a real PostgreSQL (started by scripts/test.sh): its text and timestamp
 * types must give back exactly what was hashed, empty strings included.
 */
class AuditCsvExportPostgresIntegrationTests extends AuditCsvExportContract {

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

}
