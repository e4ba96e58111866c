package org.gmsaportal.credspec;

import java.util.Optional;

/**
 * A ccg.exe plug-in choice with its own typed inputs, producing the {@code HostAccountConfig} section and the
 * secret its plug-in expects the portable identity to be stored as.
 */
public sealed interface HostAccountPreset permits AzureKeyVaultPlugin, AwsPlugin, KubernetesSecretPlugin, CustomPlugin {

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

	default HostAccountConfig hostAccountConfig() {
		return new HostAccountConfig(HostAccountConfig.PORTABLE_CCG_VERSION, pluginGuid(), pluginInput());
	}

	/**
	 * Reads the preset back from a credspec's section, checking the input the way its plug-in parses it.
	 * @throws InvalidCredentialSpecInputException naming {@code PluginGUID} or {@code PluginInput} and the rule
	 */
	static HostAccountPreset from(HostAccountConfig config) {
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
