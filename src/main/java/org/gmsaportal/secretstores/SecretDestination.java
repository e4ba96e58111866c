package org.gmsaportal.secretstores;

import org.gmsaportal.credspec.AksHciSecretPlugin;
import org.gmsaportal.credspec.AwsPlugin;
import org.gmsaportal.credspec.AzureKeyVaultPlugin;
import org.gmsaportal.credspec.HostAccountPreset;
import org.gmsaportal.credspec.KubernetesSecretPlugin;
import org.jspecify.annotations.Nullable;

/**
 * Where one portable identity goes: the plug-in preset names the store and the secret.
 *
 * @param preset the plug-in preset of the request (its {@code PluginInput} names vault and secret, ARN, or
 * namespace and Secret)
 * @param clusterConnection the cluster connection holding a Kubernetes Secret; {@code null} for cloud stores
 * @param runId the run writing it, recorded with the secret as the portal's marker
 * @param ticket the ticket of the run's request, for the audit events of the write; {@code null} when none
 */
public record SecretDestination(HostAccountPreset preset, @Nullable String clusterConnection, String runId,
		@Nullable String ticket) {

	/** A destination written for no ticket. */
	public SecretDestination(HostAccountPreset preset, @Nullable String clusterConnection, String runId) {
		this(preset, clusterConnection, runId, null);
	}

	/**
	 * The secret's name as the store and its admins know it: {@code namespace/name} of a Kubernetes Secret, the Key
	 * Vault secret URI, the Secrets Manager or SSM ARN. Never a value.
	 */
	public String secretName() {
		if (this.preset instanceof KubernetesSecretPlugin rancher) {
			return rancher.namespace() + "/" + rancher.secretName();
		}
		if (this.preset instanceof AksHciSecretPlugin hci) {
			return hci.namespace() + "/" + hci.secretName();
		}
		if (this.preset instanceof AzureKeyVaultPlugin akv) {
			return akv.secretUri().toString();
		}
		if (this.preset instanceof AwsPlugin aws) {
			return aws.credentialArn();
		}
		// A custom plug-in's input may hold a password: only its CLSID names it.
		return "of plug-in " + this.preset.pluginGuid();
	}

}
