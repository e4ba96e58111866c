package org.gmsaportal.inventory;

import org.gmsaportal.support.PostgresDatabase;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link InventoryServiceContract} on the throwaway PostgreSQL of {@code scripts/lab-postgres.sh}, with the same
 * Flyway migrations: identity keys, cascading deletes, the JSON columns and the schedule's claim on PostgreSQL.
 */
class InventoryServicePostgresIntegrationTests extends InventoryServiceContract {

	@BeforeAll
	static void requirePostgres() {
		PostgresDatabase.require();
	}

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresDatabase.register(registry);
	}

}
