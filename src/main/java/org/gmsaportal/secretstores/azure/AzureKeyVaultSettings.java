package org.gmsaportal.secretstores.azure;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the portal signs in to Azure Key Vault. Nothing here is a secret: a client secret stays in the file named by
 * {@code client-secret-file} (or in {@code AZURE_CLIENT_SECRET}, read by the SDK), never in the database.
 * Without {@code client-secret-file} the SDK's {@code DefaultAzureCredential} chain decides: environment
 * ({@code AZURE_CLIENT_ID}, {@code AZURE_TENANT_ID}, {@code AZURE_CLIENT_SECRET}), workload identity, managed
 * identity.
 *
 * @param tenantId the Entra tenant; unset: {@code AZURE_TENANT_ID}
 * @param clientId the app registration (client secret) or user-assigned managed / workload identity; unset:
 * {@code AZURE_CLIENT_ID}, or the system-assigned managed identity
 * @param clientSecretFile a file holding the app registration's client secret (for example a mounted Kubernetes
 * Secret); when set, the portal signs in with that secret rather than the credential chain
 * @param authorityHost the Entra sign-in host for sovereign clouds (e.g. {@code https://login.chinacloudapi.cn});
 * unset: the SDK's default, {@code AZURE_AUTHORITY_HOST} or the public cloud
 * @param maxRetries how often the SDK retries a throttled (429), unavailable or unreachable call before the run
 * step fails with a message; Retry-After is honoured
 * @param connectTimeout how long to wait for a connection to the vault before reporting "unreachable"
 * @param responseTimeout how long to wait for one answer
 */
@ConfigurationProperties("gmsa.secret-stores.azure")
@Validated
public record AzureKeyVaultSettings(@Nullable String tenantId, @Nullable String clientId,
		@Nullable Path clientSecretFile, @Nullable URI authorityHost,
		@DefaultValue("3") @Min(0) @Max(10) int maxRetries, @DefaultValue("10s") Duration connectTimeout,
		@DefaultValue("30s") Duration responseTimeout) {

	static final String PREFIX = "gmsa.secret-stores.azure";

}
