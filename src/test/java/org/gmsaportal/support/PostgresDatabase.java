package org.gmsaportal.support;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a test context at the throwaway PostgreSQL of {@code scripts/lab-postgres.sh}, for the PostgreSQL runs of
 * the audit, callbacks and provisioning contracts.
 */
public final class PostgresDatabase {

	private PostgresDatabase() {
	}

	/** Skips the test, or fails it on CI, when no throwaway PostgreSQL is running. */
	public static void require() {
		LabServices.postgres("GMSA_TEST_POSTGRES_URL");
	}

	/** The data source settings of the throwaway PostgreSQL, for a {@code @DynamicPropertySource}. */
	public static void register(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> LabServices.valueOrEmpty("GMSA_TEST_POSTGRES_URL"));
		registry.add("spring.datasource.username", () -> LabServices.valueOrEmpty("GMSA_TEST_POSTGRES_USER"));
		registry.add("spring.datasource.password", () -> LabServices.valueOrEmpty("GMSA_TEST_POSTGRES_PASSWORD"));
	}

}
