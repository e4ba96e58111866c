package org.gmsaportal.provisioning;

import org.gmsaportal.support.LabServices;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a test context at the throwaway PostgreSQL of {@code scripts/lab-postgres.sh}.
 */
final class PostgresDatabase {

	private PostgresDatabase() {
	}

	static void require() {
		LabServices.postgres("GMSA_TEST_POSTGRES_URL");
	}

	static void register(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> LabServices.valueOrEmpty("GMSA_TEST_POSTGRES_URL"));
		registry.add("spring.datasource.username", () -> LabServices.valueOrEmpty("GMSA_TEST_POSTGRES_USER"));
		registry.add("spring.datasource.password", () -> LabServices.valueOrEmpty("GMSA_TEST_POSTGRES_PASSWORD"));
	}

}
