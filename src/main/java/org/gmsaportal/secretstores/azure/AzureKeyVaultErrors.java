package org.gmsaportal.secretstores.azure;

import java.io.IOException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.identity.CredentialUnavailableException;
import com.microsoft.aad.msal4j.MsalException;

import org.gmsaportal.secretstores.SecretStoreException;
import org.gmsaportal.secretstores.SecretStoreException.Reason;
import org.jspecify.annotations.Nullable;

/**
 * Turns SDK failures into messages naming the store, the secret and what to do. Key Vault's own error text is
 * never quoted: only its error code, the status and Retry-After, so that nothing the service echoes reaches a
 * page or a log line.
 */
final class AzureKeyVaultErrors {

	/** What the portal was doing, with the Key Vault secret permission that operation needs. */
	enum Operation {

		INSPECT("read the versions of", "list"), WRITE("write", "set"), READ("read", "get"),
		REMOVE("delete", "delete"), DISABLE_VERSION("disable a version of", "set");

		private final String verb;

		private final String permission;

		Operation(String verb, String permission) {
			this.verb = verb;
			this.permission = permission;
		}

	}

	private static final Pattern ERROR_CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Za-z]{1,64})\"");

	private static final Pattern ENTRA_CODE = Pattern.compile("AADSTS\\d{4,8}");

	private AzureKeyVaultErrors() {
	}

	static SecretStoreException translate(RuntimeException ex, KeyVaultSecretRef ref, Operation op) {
		String could = AzureKeyVaultStore.NAME + ": could not " + op.verb + " " + ref.describe() + ". ";
		UnknownHostException unknownHost = cause(ex, UnknownHostException.class);
		if (unknownHost != null) {
			return vaultDoesNotResolve(could, ref, unknownHost, ex);
		}
		if (ex instanceof CredentialUnavailableException) {
			return new SecretStoreException(AzureKeyVaultStore.NAME, Reason.FORBIDDEN, could
					+ "No Azure credential is available to the portal: set " + AzureKeyVaultSettings.PREFIX
					+ ".client-secret-file with tenant-id and client-id, or AZURE_CLIENT_ID, AZURE_TENANT_ID and"
					+ " AZURE_CLIENT_SECRET, or run the portal with a workload or managed identity.", ex);
		}
		if (ex instanceof HttpResponseException http && http.getResponse() != null) {
			return fromStatus(could, ref, op, http);
		}
		if (ex instanceof ClientAuthenticationException || cause(ex, MsalException.class) != null) {
			return signInFailed(could, ex);
		}
		if (cause(ex, IOException.class) != null || cause(ex, TimeoutException.class) != null) {
			return new SecretStoreException(AzureKeyVaultStore.NAME, Reason.UNREACHABLE, could + "The vault "
					+ ref.vaultUrl() + " did not answer: check the network path from the portal (firewall, private"
					+ " endpoint, proxy in HTTPS_PROXY), then resume the run.", ex);
		}
		return new SecretStoreException(AzureKeyVaultStore.NAME, Reason.REFUSED, could
				+ "The SDK failed with " + ex.getClass().getSimpleName() + ".", ex);
	}

	private static SecretStoreException vaultDoesNotResolve(String could, KeyVaultSecretRef ref,
			UnknownHostException unknownHost, RuntimeException ex) {
		String host = ref.vaultUrl().substring("https://".length());
		String message = String.valueOf(unknownHost.getMessage());
		if (message.contains(host)) {
			return new SecretStoreException(AzureKeyVaultStore.NAME, Reason.STORE_NOT_FOUND, could + "The vault's"
					+ " host " + host + " does not resolve: check the vault name in the SecretUri, or the private DNS"
					+ " zone (privatelink.vaultcore.azure.net) when the vault has a private endpoint.", ex);
		}
		return new SecretStoreException(AzureKeyVaultStore.NAME, Reason.UNREACHABLE, could + "The Entra ID sign-in"
				+ " host does not resolve: check the portal's DNS and " + AzureKeyVaultSettings.PREFIX
				+ ".authority-host, then resume the run.", ex);
	}

	private static SecretStoreException fromStatus(String could, KeyVaultSecretRef ref, Operation op,
			HttpResponseException http) {
		int status = http.getResponse().getStatusCode();
		String code = errorCode(http);
		String said = " (HTTP " + status + ((code != null) ? ", " + code : "") + ")";
		return switch (status) {
			case 401 -> signInFailed(could, http);
			// Key Vault answers 403 for a disabled version too; its inner code tells the two apart.
			case 403 -> String.valueOf(http.getMessage()).contains("\"SecretDisabled\"") ? disabled(could, said, http)
					: new SecretStoreException(AzureKeyVaultStore.NAME, Reason.FORBIDDEN, could
					+ "The portal's identity lacks the secret permission '" + op.permission + "'" + said
					+ ": assign it the \"Key Vault Secrets Officer\" role on the vault (RBAC), or with access"
					+ " policies run az keyvault set-policy --name " + ref.vaultName()
					+ " --object-id <portal identity> --secret-permissions set get list delete.", http);
			case 404 -> notFound(could, ref, code, said, http);
			case 409 -> new SecretStoreException(AzureKeyVaultStore.NAME, Reason.REFUSED, could + "The name is"
					+ " held by a deleted secret that soft delete keeps recoverable" + said
					+ ": recover it (az keyvault secret recover --vault-name " + ref.vaultName() + " --name "
					+ ref.secretName() + "), purge it, or choose another secret name.", http);
			case 429 -> new SecretStoreException(AzureKeyVaultStore.NAME, Reason.THROTTLED, could + "Key Vault"
					+ " throttled the portal" + said + " and retries did not get through: resume the run after "
					+ retryAfter(http) + ".", http);
			case 400 -> "BadParameter".equals(code) || code == null
					? new SecretStoreException(AzureKeyVaultStore.NAME, Reason.INVALID_NAME, could + "Key Vault refused"
							+ " the request" + said + ": check the secret name in the SecretUri (1 to 127 letters,"
							+ " digits and dashes).", http)
					: refusedWith(could, said, http);
			default -> (status >= 500)
					? new SecretStoreException(AzureKeyVaultStore.NAME, Reason.UNREACHABLE, could + "Key Vault is"
							+ " unavailable" + said + ": resume the run later.", http)
					: refusedWith(could, said, http);
		};
	}

	private static SecretStoreException notFound(String could, KeyVaultSecretRef ref, @Nullable String code,
			String said, HttpResponseException http) {
		// A vault that does not exist has no DNS name; a 404 without Key Vault's code comes from something else
		// answering on that name (a proxy, a wrong private endpoint).
		if ("SecretNotFound".equals(code)) {
			return new SecretStoreException(AzureKeyVaultStore.NAME, Reason.REFUSED, could + "The secret does not"
					+ " exist" + said + ": the run writes it on its store step; resume the run to write it again.",
					http);
		}
		return new SecretStoreException(AzureKeyVaultStore.NAME, Reason.STORE_NOT_FOUND, could + "The vault "
				+ ref.vaultUrl() + " does not exist" + said + ": check the vault name in the SecretUri.", http);
	}

	private static SecretStoreException disabled(String could, String said, HttpResponseException http) {
		return new SecretStoreException(AzureKeyVaultStore.NAME, Reason.REFUSED, could + "Its newest version is"
				+ " disabled" + said + ", so the node's plug-in cannot read it either: enable that version (az keyvault"
				+ " secret set-attributes --enabled true) or resume the run to write a new one.", http);
	}

	private static SecretStoreException refusedWith(String could, String said, HttpResponseException http) {
		return new SecretStoreException(AzureKeyVaultStore.NAME, Reason.REFUSED, could + "Key Vault refused the"
				+ " request" + said + ".", http);
	}

	private static SecretStoreException signInFailed(String could, RuntimeException ex) {
		MsalException msal = cause(ex, MsalException.class);
		Matcher entra = ENTRA_CODE.matcher(String.valueOf(((msal != null) ? msal : ex).getMessage()));
		String code = entra.find() ? " (" + entra.group() + ")" : "";
		return new SecretStoreException(AzureKeyVaultStore.NAME, Reason.FORBIDDEN, could + "The portal could not"
				+ " sign in to Entra ID for the vault" + code + ": check the tenant, client id and client secret in "
				+ AzureKeyVaultSettings.PREFIX + ".* or AZURE_*, or the workload / managed identity.", ex);
	}

	private static @Nullable String errorCode(HttpResponseException http) {
		Matcher matcher = ERROR_CODE.matcher(String.valueOf(http.getMessage()));
		return matcher.find() ? matcher.group(1) : null;
	}

	private static String retryAfter(HttpResponseException http) {
		String seconds = http.getResponse().getHeaderValue("Retry-After");
		return (seconds != null && seconds.matches("\\d{1,6}")) ? seconds + " s" : "a minute";
	}

	private static <T extends Throwable> @Nullable T cause(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
