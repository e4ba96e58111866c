package org.gmsaportal.provisioning;

import org.gmsaportal.support.PostgresDatabase;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same tests as {@link NameClaimTests} on a real PostgreSQL, with the same Flyway migrations.
 */
class NameClaimPostgresIntegrationTests extends NameClaimContract {

	@BeforeAll
	static void requirePostgres() {
		PostgresDatabase.require();
	}

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresDatabase.register(registry);
	}

}
