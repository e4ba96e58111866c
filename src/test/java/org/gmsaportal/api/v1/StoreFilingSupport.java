package org.gmsaportal.api.v1;

import org.gmsaportal.secretstores.aws.SecretsManagerStandIn;
import org.gmsaportal.support.FakeDirectoryConfig;
import org.gmsaportal.support.KeyVaultStandInConfig;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the filing tests of store-delivered identities share, so that they share one Spring context: the directory
 * is the test double {@code FakeDirectory}, and the plan's look at the destination (does the store already hold a
 * secret the portal did not write?) goes through the real Azure and AWS SDKs to the JVM-wide local HTTPS stand-ins,
 * since neither Key Vault nor Secrets Manager can run here; both answer that the secret does not exist yet.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import({ FakeDirectoryConfig.class, KeyVaultStandInConfig.class })
abstract class StoreFilingSupport {

	@DynamicPropertySource
	static void standIns(DynamicPropertyRegistry registry) {
		KeyVaultStandInConfig.register(registry);
		SecretsManagerStandIn.register(registry);
	}

	@BeforeEach
	void awsKey() {
		SecretsManagerStandIn.useSharedKey();
	}

}
