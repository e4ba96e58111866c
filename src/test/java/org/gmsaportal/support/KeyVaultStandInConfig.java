package org.gmsaportal.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.gmsaportal.secretstores.azure.AzureKeyVaultTransport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a whole portal's Key Vault store at the JVM-wide {@link KeyVaultStandIn} (a local HTTPS stand-in: no Key
 * Vault emulator runs here): {@code @Import(KeyVaultStandInConfig.class)} supplies the SDK transport, and
 * {@link #register} the sign-in settings, a client secret in a file as in production.
 */
@TestConfiguration(proxyBeanMethods = false)
public class KeyVaultStandInConfig {

	private static KeyVaultStandIn shared;

	/** The stand-in every test of this JVM shares; started on first use, stopped with the JVM. */
	public static synchronized KeyVaultStandIn standIn() {
		if (shared == null) {
			shared = KeyVaultStandIn.start();
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
		}
		return shared;
	}

	/** The {@code gmsa.secret-stores.azure.*} settings that sign in to the stand-in. */
	public static Map<String, String> settings() {
		try {
			Path file = Files.createTempFile("kv-client-secret", "");
			file.toFile().deleteOnExit();
			Files.writeString(file, standIn().clientSecret);
			Map<String, String> settings = new LinkedHashMap<>();
			settings.put("gmsa.secret-stores.azure.tenant-id", KeyVaultStandIn.TENANT_ID);
			settings.put("gmsa.secret-stores.azure.client-id", KeyVaultStandIn.CLIENT_ID);
			settings.put("gmsa.secret-stores.azure.client-secret-file", file.toString());
			settings.put("gmsa.secret-stores.azure.max-retries", "1");
			return settings;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static void register(DynamicPropertyRegistry registry) {
		settings().forEach((name, value) -> registry.add(name, () -> value));
	}

	@Bean
	AzureKeyVaultTransport keyVaultStandInTransport() {
		return new AzureKeyVaultTransport(standIn().httpClient());
	}

}
