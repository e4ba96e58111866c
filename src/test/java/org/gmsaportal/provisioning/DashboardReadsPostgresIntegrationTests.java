package org.gmsaportal.provisioning;

import org.gmsaportal.support.PostgresDatabase;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same tests as {@link DashboardReadsTests} on a real PostgreSQL, with the same Flyway migrations (V34's keys
 * there are ordered by code point, as Java orders them).
 */
class DashboardReadsPostgresIntegrationTests extends DashboardReadsContract {

	@BeforeAll
	static void requirePostgres() {
		PostgresDatabase.require();
	}

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresDatabase.register(registry);
	}

}
