package org.gmsaportal.credspec;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A ccg.exe plug-in choice with its own typed inputs, producing the {@code HostAccountConfig} section and the
 * secret its plug-in expects the portable identity to be stored as.
 */
public sealed interface HostAccountPreset permits AzureKeyVaultPlugin, AwsPlugin, KubernetesSecretPlugin,
		AksHciSecretPlugin, CustomPlugin {

	/** The plug-in's CLSID in braces. */
	String pluginGuid();

	/** The {@code PluginInput} string. */
	String pluginInput();

	/** A sentence saying which plug-in reads which secret, for people reviewing the credspec. */
	String describe();

	/**
	 * What to store in the plug-in's secret store for this identity; empty for custom plug-ins, whose format the
	 * portal does not know.
	 */
	Optional<PortableIdentitySecret> secretFor(PortableIdentity identity);

	/**
	 * The identity in a secret read back from the store, as the plug-in reads it: the inverse of
	 * {@link #secretFor}.
	 * @throws InvalidCredentialSpecInputException naming the missing key or part (never a value), or for custom
	 * plug-ins, whose format the portal does not know
	 */
	PortableIdentity identityFrom(PortableIdentitySecret secret);

	default HostAccountConfig hostAccountConfig() {
		return new HostAccountConfig(HostAccountConfig.PORTABLE_CCG_VERSION, pluginGuid(), pluginInput());
	}

	/**
	 * Reads the preset back from a credspec's section, checking the input the way its plug-in parses it.
	 * @throws InvalidCredentialSpecInputException naming {@code PluginGUID} or {@code PluginInput} and the rule
	 */
	static HostAccountPreset from(HostAccountConfig config) {
		return from(config, null);
	}

	/**
	 * Reads the preset back from a credspec's section when the request names its preset: needed for the presets
	 * whose CLSID the admin supplies (AKS-HCI), which the CLSID alone cannot tell from a custom plug-in.
	 * @param named the preset the request chose, {@code null} to go by the CLSID
	 * @throws InvalidCredentialSpecInputException naming {@code PluginGUID} or {@code PluginInput} and the rule
	 */
	static HostAccountPreset from(HostAccountConfig config, @Nullable PluginPreset named) {
		if (named == PluginPreset.AKS_HCI_SECRET) {
			return AksHciSecretPlugin.of(config.pluginGuid(), config.pluginInput());
		}
		HostAccountPreset preset = byClsid(config);
		if (named != null && PluginPreset.of(preset) != named) {
			throw new InvalidCredentialSpecInputException("PluginGUID", "must be the CLSID of the " + named.displayName()
					+ named.clsid().map((clsid) -> ", " + clsid).orElse(""), config.pluginGuid());
		}
		return preset;
	}

	private static HostAccountPreset byClsid(HostAccountConfig config) {
		Optional<KnownPlugin> known = KnownPlugin.byGuid(config.pluginGuid());
		if (known.isEmpty()) {
			if (config.pluginInput().isEmpty()) {
				throw new InvalidCredentialSpecInputException("PluginInput", "must not be blank");
			}
			return new CustomPlugin(config.pluginGuid(), SecretValue.of(config.pluginInput()));
		}
		return switch (known.get()) {
			case AZURE_KEY_VAULT -> AzureKeyVaultPlugin.parse(config.pluginInput());
			case AWS -> AwsPlugin.parse(config.pluginInput());
			case KUBERNETES_SECRET -> KubernetesSecretPlugin.parse(config.pluginInput());
		};
	}

}
