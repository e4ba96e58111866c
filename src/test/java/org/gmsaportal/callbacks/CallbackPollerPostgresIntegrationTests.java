package org.gmsaportal.callbacks;

import org.gmsaportal.support.LabServices;
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
		LabServices.postgres("GMSA_TEST_POSTGRES_URL");
	}

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> LabServices.valueOrEmpty("GMSA_TEST_POSTGRES_URL"));
		registry.add("spring.datasource.username", () -> LabServices.valueOrEmpty("GMSA_TEST_POSTGRES_USER"));
		registry.add("spring.datasource.password", () -> LabServices.valueOrEmpty("GMSA_TEST_POSTGRES_PASSWORD"));
	}

}
