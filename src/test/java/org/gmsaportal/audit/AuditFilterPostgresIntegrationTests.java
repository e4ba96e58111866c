package org.gmsaportal.audit;

import org.gmsaportal.support.PostgresDatabase;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The audit filters on a real PostgreSQL (started by scripts/test.sh), where they read the trigram and composite
 * indexes of V26 and V29.
 */
class AuditFilterPostgresIntegrationTests extends AuditFilterContract {

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
