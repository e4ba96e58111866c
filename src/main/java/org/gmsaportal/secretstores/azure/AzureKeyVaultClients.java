package org.gmsaportal.secretstores.azure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.Configuration;
import com.azure.core.util.HttpClientOptions;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.SecretServiceVersion;

import org.gmsaportal.secretstores.SecretStoreException;
import org.gmsaportal.secretstores.SecretStoreException.Reason;
import org.jspecify.annotations.Nullable;

/**
 * One SDK client per vault, all signing in with one credential and sending through one HTTP client. Nothing is
 * built or read before the first call, so a portal that never uses Key Vault needs no Azure settings.
 */
final class AzureKeyVaultClients {

	/** Pinned so that an SDK upgrade does not silently change the requests the portal sends. */
	static final SecretServiceVersion SERVICE_VERSION = SecretServiceVersion.V2025_07_01;

	private final AzureKeyVaultSettings settings;

	private final @Nullable AzureKeyVaultTransport transport;

	private final Map<String, SecretClient> clients = new ConcurrentHashMap<>();

	private @Nullable HttpClient httpClient;

	private @Nullable TokenCredential credential;

	AzureKeyVaultClients(AzureKeyVaultSettings settings, @Nullable AzureKeyVaultTransport transport) {
		this.settings = settings;
		this.transport = transport;
	}

	SecretClient forVault(String vaultUrl) {
		return this.clients.computeIfAbsent(vaultUrl, (url) -> new SecretClientBuilder().vaultUrl(url)
			.serviceVersion(SERVICE_VERSION)
			.credential(credential())
			.httpClient(httpClient())
			.retryOptions(retryOptions())
			.buildClient());
	}

	/** The transport's client, else the SDK's default one (Netty, proxy from the environment). */
	private synchronized HttpClient httpClient() {
		if (this.httpClient == null) {
			this.httpClient = (this.transport != null) ? this.transport.httpClient()
					: HttpClient.createDefault(new HttpClientOptions().setConnectTimeout(this.settings.connectTimeout())
						.setResponseTimeout(this.settings.responseTimeout()));
		}
		return this.httpClient;
	}

	private RetryOptions retryOptions() {
		return new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(this.settings.maxRetries()));
	}

	private synchronized TokenCredential credential() {
		if (this.credential == null) {
			Path file = this.settings.clientSecretFile();
			this.credential = (file != null) ? clientSecretCredential(file) : defaultCredential();
		}
		return this.credential;
	}

	private TokenCredential defaultCredential() {
		DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder().httpClient(httpClient())
			.retryOptions(retryOptions());
		if (this.settings.tenantId() != null) {
			builder.tenantId(this.settings.tenantId());
		}
		if (this.settings.clientId() != null) {
			builder.managedIdentityClientId(this.settings.clientId())
				.workloadIdentityClientId(this.settings.clientId());
		}
		if (this.settings.authorityHost() != null) {
			builder.authorityHost(this.settings.authorityHost().toString());
		}
		return builder.build();
	}

	private TokenCredential clientSecretCredential(Path file) {
		String tenantId = settingOrEnvironment(this.settings.tenantId(), "tenant-id",
				Configuration.PROPERTY_AZURE_TENANT_ID);
		String clientId = settingOrEnvironment(this.settings.clientId(), "client-id",
				Configuration.PROPERTY_AZURE_CLIENT_ID);
		String secret;
		try {
			secret = Files.readString(file).strip();
		}
		catch (IOException ex) {
			// The exception names the file and the failure, never its content.
			throw refused(AzureKeyVaultSettings.PREFIX + ".client-secret-file " + file + " cannot be read ("
					+ ex.getClass().getSimpleName() + "): make it readable by the portal");
		}
		if (secret.isEmpty()) {
			throw refused(AzureKeyVaultSettings.PREFIX + ".client-secret-file " + file + " is empty");
		}
		ClientSecretCredentialBuilder builder = new ClientSecretCredentialBuilder().tenantId(tenantId)
			.clientId(clientId)
			.clientSecret(secret)
			.httpClient(httpClient())
			.retryOptions(retryOptions());
		if (this.settings.authorityHost() != null) {
			builder.authorityHost(this.settings.authorityHost().toString());
		}
		return builder.build();
	}

	private static String settingOrEnvironment(@Nullable String setting, String name, String environment) {
		String value = (setting != null) ? setting : Configuration.getGlobalConfiguration().get(environment);
		if (value == null || value.isBlank()) {
			throw refused(AzureKeyVaultSettings.PREFIX + "." + name + " (or " + environment
					+ ") must be set when " + AzureKeyVaultSettings.PREFIX + ".client-secret-file is");
		}
		return value;
	}

	private static SecretStoreException refused(String message) {
		return new SecretStoreException(AzureKeyVaultStore.NAME, Reason.REFUSED,
				AzureKeyVaultStore.NAME + ": " + message);
	}

}
