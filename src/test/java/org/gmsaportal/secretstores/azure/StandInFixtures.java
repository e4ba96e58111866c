package org.gmsaportal.secretstores.azure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.gmsaportal.credspec.AzureKeyVaultPlugin;
import org.gmsaportal.credspec.PortableIdentity;
import org.gmsaportal.credspec.PortableIdentitySecret;
import org.gmsaportal.credspec.SecretValue;
import org.gmsaportal.secretstores.SecretDestination;
import org.gmsaportal.support.KeyVaultStandIn;

/** The adapter wired to a {@link KeyVaultStandIn} the way production wires it, but for the transport. */
final class StandInFixtures {

	/** With a colon and a backslash: the plug-in splits at the first of each, so the password may hold both. */
	static final String PASSWORD = "Pw:7\\q-" + UUID.randomUUID();

	static final PortableIdentity IDENTITY = new PortableIdentity("lab.test", "webapp01-ccg",
			SecretValue.of(PASSWORD));

	static final String OBJECT_ID = "6b3f2c8e-1b10-4f0c-8b0c-7d5e4c7a9d55";

	private StandInFixtures() {
	}

	/** Signs in with a client secret from a file, as {@code gmsa.secret-stores.azure.client-secret-file} does. */
	static AzureKeyVaultStore store(KeyVaultStandIn standIn, Path dir, String clientSecret, int maxRetries) {
		try {
			Path secretFile = Files.writeString(Files.createTempFile(dir, "client-secret", ""), clientSecret + "\n");
			AzureKeyVaultSettings settings = new AzureKeyVaultSettings(KeyVaultStandIn.TENANT_ID,
					KeyVaultStandIn.CLIENT_ID, secretFile, null, maxRetries, Duration.ofSeconds(5),
					Duration.ofSeconds(10));
			return new AzureKeyVaultStore(settings, Optional.of(new AzureKeyVaultTransport(standIn.httpClient())));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static SecretDestination destination(String vault, String secretPath, String runId) {
		return new SecretDestination(AzureKeyVaultPlugin.of(OBJECT_ID,
				"https://" + vault + ".vault.azure.net/secrets/" + secretPath), null, runId);
	}

	/** What the run writes: the preset's own format for the identity. */
	static PortableIdentitySecret value(SecretDestination where) {
		return where.preset().secretFor(IDENTITY).orElseThrow();
	}

}
