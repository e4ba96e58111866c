package org.gmsaportal.credspec;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The plug-in presets a request can name. Most are known by their CLSID alone; the AKS-HCI one is not, because
 * the admin supplies its CLSID ({@link AksHciSecretPlugin}), so a request that wants it names it.
 */
public enum PluginPreset {

	AZURE_KEY_VAULT(KnownPlugin.AZURE_KEY_VAULT.displayName(), KnownPlugin.AZURE_KEY_VAULT),

	AWS(KnownPlugin.AWS.displayName(), KnownPlugin.AWS),

	RANCHER_SECRET(KnownPlugin.KUBERNETES_SECRET.displayName(), KnownPlugin.KUBERNETES_SECRET),

	AKS_HCI_SECRET("Kubernetes Secret plug-in (AKS on Azure Local / Azure Stack HCI)", null),

	CUSTOM("custom plug-in", null);

	private final String displayName;

	private final @Nullable KnownPlugin known;

	PluginPreset(String displayName, @Nullable KnownPlugin known) {
		this.displayName = displayName;
		this.known = known;
	}

	public String displayName() {
		return this.displayName;
	}

	/** The CLSID, where it is known; empty where the admin supplies it. */
	public Optional<String> clsid() {
		return Optional.ofNullable(this.known).map(KnownPlugin::clsid);
	}

	/** Which preset this is. */
	public static PluginPreset of(HostAccountPreset preset) {
		if (preset instanceof AzureKeyVaultPlugin) {
			return AZURE_KEY_VAULT;
		}
		if (preset instanceof AwsPlugin) {
			return AWS;
		}
		if (preset instanceof KubernetesSecretPlugin) {
			return RANCHER_SECRET;
		}
		return (preset instanceof AksHciSecretPlugin) ? AKS_HCI_SECRET : CUSTOM;
	}

}
