package org.gmsaportal.secretstores.azure;

import java.net.URI;

import org.gmsaportal.credspec.AzureKeyVaultPlugin;
import org.jspecify.annotations.Nullable;

/**
 * The vault and secret a preset's {@code SecretUri} names; {@link AzureKeyVaultPlugin} has already checked its
 * shape ({@code https://<vault>.vault.azure.net/secrets/<name>[/<version>]}).
 *
 * @param vaultUrl {@code https://<vault>.vault.azure.net}, what the SDK client is built for
 * @param vaultName the vault's name, the first label of its host
 * @param secretName the secret's name
 * @param version the version the URI pins, {@code null} when it names the latest
 */
record KeyVaultSecretRef(String vaultUrl, String vaultName, String secretName, @Nullable String version) {

	static KeyVaultSecretRef of(AzureKeyVaultPlugin preset) {
		URI uri = preset.secretUri();
		String host = uri.getHost();
		// Path /secrets/<name>[/<version>]: the preset's pattern allows nothing else.
		String[] path = uri.getRawPath().split("/");
		return new KeyVaultSecretRef("https://" + host, host.substring(0, host.indexOf('.')), path[2],
				(path.length > 3) ? path[3] : null);
	}

	/** What messages call it: {@code secret <name> in vault <vault>}. */
	String describe() {
		return "secret " + this.secretName + " in vault " + this.vaultName;
	}

}
