package org.gmsaportal.secretstores.azure;

import java.nio.file.Path;
import java.time.Duration;

import org.gmsaportal.secretstores.SecretDestination;
import org.gmsaportal.secretstores.SecretStore;
import org.gmsaportal.support.KeyVaultStandInConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapter's settings bind from {@code gmsa.secret-stores.azure.*}, and the adapter starts without any: a
 * portal that never writes to Key Vault needs no Azure configuration, and nothing reaches Azure at startup. With
 * {@link KeyVaultStandInConfig} the Spring-made store reaches the local Key Vault stand-in.
 */
class AzureKeyVaultSettingsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(AdapterOnly.class);

	@Test
	void theAdapterStartsWithoutAnyAzureSetting() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(SecretStore.class).displayName()).isEqualTo("Azure Key Vault");
			assertThat(context.getBean(AzureKeyVaultSettings.class)).isEqualTo(new AzureKeyVaultSettings(null, null,
					null, null, 3, Duration.ofSeconds(10), Duration.ofSeconds(30)));
		});
	}

	@Test
	void settingsBindFromTheirPrefix() {
		this.runner
			.withPropertyValues("gmsa.secret-stores.azure.tenant-id=t1", "gmsa.secret-stores.azure.client-id=c1",
					"gmsa.secret-stores.azure.client-secret-file=/run/secrets/kv-client-secret",
					"gmsa.secret-stores.azure.authority-host=https://login.chinacloudapi.cn",
					"gmsa.secret-stores.azure.max-retries=5", "gmsa.secret-stores.azure.connect-timeout=3s",
					"gmsa.secret-stores.azure.response-timeout=1m")
			.run((context) -> assertThat(context.getBean(AzureKeyVaultSettings.class)).isEqualTo(
					new AzureKeyVaultSettings("t1", "c1", Path.of("/run/secrets/kv-client-secret"),
							java.net.URI.create("https://login.chinacloudapi.cn"), 5, Duration.ofSeconds(3),
							Duration.ofMinutes(1))));
	}

	@Test
	void aTransportBeanAndTheSettingsPointTheStoreAtTheStandIn() {
		this.runner.withUserConfiguration(KeyVaultStandInConfig.class)
			.withPropertyValues(KeyVaultStandInConfig.settings().entrySet().stream()
				.map((e) -> e.getKey() + "=" + e.getValue())
				.toArray(String[]::new))
			.run((context) -> {
				SecretStore store = context.getBean(SecretStore.class);
				SecretDestination where = StandInFixtures.destination("kv-wired", "webapp01-ccg", "run-1");
				store.write(where, StandInFixtures.value(where));
				assertThat(store.read(where)).isEqualTo(StandInFixtures.value(where));
				assertThat(KeyVaultStandInConfig.standIn().vaults().versions("kv-wired", "webapp01-ccg")).hasSize(1);
			});
	}

	@Test
	void tooManyRetriesAreRefusedNamingTheSetting() {
		this.runner.withPropertyValues("gmsa.secret-stores.azure.max-retries=50")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("gmsa.secret-stores.azure.max-retries")
				.hasMessageContaining("50"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AzureKeyVaultSettings.class)
	@Import(AzureKeyVaultStore.class)
	static class AdapterOnly {

	}

}
