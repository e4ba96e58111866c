package org.gmsaportal.callbacks;

import org.gmsaportal.support.PostgresDatabase;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link CallbackPollerContract} on the throwaway PostgreSQL of {@code scripts/lab-postgres.sh}, with the same
 * Flyway migrations: the lease must hold under PostgreSQL's row locking too.
 */
class CallbackPollerPostgresIntegrationTests extends CallbackPollerContract {

	@BeforeAll
	static void requirePostgres() {
		PostgresDatabase.require();
	}

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresDatabase.register(registry);
	}

}
