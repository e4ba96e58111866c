package org.gmsaportal.secretstores.azure;

import com.azure.core.http.HttpClient;

/**
 * The HTTP client the Key Vault SDK and its credential send through, when a bean of this type exists. Production
 * defines none, so the SDK uses its default client (with a proxy from {@code HTTPS_PROXY}); the tests define one
 * that resolves Azure's host names to a local stand-in and trusts its certificate, so every other part of the path
 * (URLs, challenge, token request, retries) is the production one.
 *
 * @param httpClient the Azure SDK HTTP client to send through
 */
public record AzureKeyVaultTransport(HttpClient httpClient) {

}
