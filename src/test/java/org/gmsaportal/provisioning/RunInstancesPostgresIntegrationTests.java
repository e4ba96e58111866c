package org.gmsaportal.provisioning;

import org.gmsaportal.support.PostgresDatabase;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same tests as {@link RunInstancesTests} on a real PostgreSQL, where the row locks of the lease checks are
 * PostgreSQL's own.
 */
class RunInstancesPostgresIntegrationTests extends RunInstancesContract {

	@BeforeAll
	static void requirePostgres() {
		PostgresDatabase.require();
	}

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresDatabase.register(registry);
	}

}
