package org.gmsaportal.credspec;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The Azure Key Vault plug-in (AKS): the node's managed identity reads the portable identity from a Key Vault
 * secret.
 *
 * @param managedIdentityObjectId object id of the managed identity that may read the secret
 * @param secretUri {@code https://<vault>.vault.azure.net/secrets/<name>[/<version>]}
 */
public record AzureKeyVaultPlugin(UUID managedIdentityObjectId, URI secretUri) implements HostAccountPreset {

	private static final Set<String> VAULT_DOMAINS = Set.of(".vault.azure.net", ".vault.azure.cn",
			".vault.usgovcloudapi.net", ".vault.microsoftazure.de");

	private static final Pattern SECRET_PATH = Pattern.compile("/secrets/[0-9A-Za-z-]{1,127}(/[0-9A-Za-z]{32})?");

	public AzureKeyVaultPlugin {
		String host = (secretUri.getHost() != null) ? secretUri.getHost().toLowerCase(Locale.ROOT) : "";
		if (!"https".equalsIgnoreCase(secretUri.getScheme()) || VAULT_DOMAINS.stream().noneMatch(host::endsWith)
				|| secretUri.getPort() != -1 || secretUri.getRawQuery() != null || secretUri.getRawFragment() != null
				|| secretUri.getRawUserInfo() != null || secretUri.getRawPath() == null
				|| !SECRET_PATH.matcher(secretUri.getRawPath()).matches()) {
			throw new InvalidCredentialSpecInputException("SecretUri",
					"must be a Key Vault secret URI https://<vault>.vault.azure.net/secrets/<name>[/<version>]", secretUri.toString());
		}
	}

	/**
	 * Builds the preset from form input.
	 * @throws InvalidCredentialSpecInputException naming {@code ObjectId} or {@code SecretUri} and the rule
	 */
	public static AzureKeyVaultPlugin of(String managedIdentityObjectId, String secretUri) {
		if (!InputRules.isGuid(managedIdentityObjectId)) {
			throw new InvalidCredentialSpecInputException("ObjectId",
					"must be the managed identity's object id, a GUID 8-4-4-4-12", managedIdentityObjectId);
		}
		URI uri;
		try {
			uri = new URI(secretUri);
		}
		catch (URISyntaxException ex) {
			throw new InvalidCredentialSpecInputException("SecretUri", "must be a URI", secretUri);
		}
		return new AzureKeyVaultPlugin(UUID.fromString(managedIdentityObjectId), uri);
	}

	/** Reads {@code ObjectId=..;SecretUri=..}; keys are case-insensitive, as the plug-in reads them. */
	static AzureKeyVaultPlugin parse(String pluginInput) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String pair : pluginInput.split(";")) {
			int eq = pair.indexOf('=');
			String key = (eq > 0) ? pair.substring(0, eq).trim().toLowerCase(Locale.ROOT) : "";
			boolean knownKey = key.equals("objectid") || key.equals("secreturi");
			if (!knownKey || values.put(key, pair.substring(eq + 1).trim()) != null) {
				throw new InvalidCredentialSpecInputException("PluginInput",
						"must be ObjectId=<managed identity object id>;SecretUri=<key vault secret URI>, each key once", pluginInput);
			}
		}
		if (values.size() != 2) {
			throw new InvalidCredentialSpecInputException("PluginInput",
					"must contain both ObjectId and SecretUri", pluginInput);
		}
		return of(values.get("objectid"), values.get("secreturi"));
	}

	@Override
	public String pluginGuid() {
		return KnownPlugin.AZURE_KEY_VAULT.clsid();
	}

	@Override
	public String pluginInput() {
		return "ObjectId=" + this.managedIdentityObjectId + ";SecretUri=" + this.secretUri;
	}

	@Override
	public String describe() {
		return "The Azure Key Vault plug-in reads the portable identity from Key Vault secret " + this.secretUri
				+ " as managed identity " + this.managedIdentityObjectId + ".";
	}

	/** Key Vault holds {@code <domain DNS name>\<user>:<password>} as one secret value. */
	@Override
	public Optional<PortableIdentitySecret> secretFor(PortableIdentity identity) {
		return Optional.of(new PortableIdentitySecret.Text(SecretValue.of(
				identity.domainDnsName() + "\\" + identity.userName() + ":" + identity.password().reveal())));
	}

	/** Reads {@code <domain>\\<user>:<password>}: the user name holds neither a backslash nor a colon. */
	@Override
	public PortableIdentity identityFrom(PortableIdentitySecret secret) {
		String value = SecretParsing.text(secret, "<domain>\\<user>:<password>");
		int backslash = value.indexOf('\\');
		int colon = value.indexOf(':', backslash + 1);
		if (backslash < 1 || colon < backslash + 2 || colon == value.length() - 1) {
			throw new InvalidCredentialSpecInputException("secret", "must be <domain>\\<user>:<password>");
		}
		return new PortableIdentity(value.substring(0, backslash), value.substring(backslash + 1, colon),
				SecretValue.of(value.substring(colon + 1)));
	}

}
