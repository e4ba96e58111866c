package org.gmsaportal.api.v1;

import io.swagger.v3.oas.models.media.Schema;
import org.gmsaportal.credspec.AwsPlugin;
import org.gmsaportal.credspec.AzureKeyVaultPlugin;
import org.gmsaportal.credspec.HostAccountConfig;
import org.gmsaportal.credspec.HostAccountPreset;
import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.credspec.KubernetesSecretPlugin;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI text of {@code hosts.plugin.input} gives each plug-in's real PluginInput format, and each example it
 * gives is one the credential spec module accepts for that plug-in (issue 12 item 11).
 */
class PluginInputDocTests {

	private static String described() {
		Schema<?> known = FilingSchema.components().get("KnownHostPlugin");
		return String.valueOf(((Schema<?>) known.getProperties().get("input")).getDescription());
	}

	@Test
	void theDescriptionGivesTheKeyVaultAndAwsFormatsNotJustTheirNames() {
		assertThat(described()).contains("ObjectId=<object id of the managed identity", ";SecretUri=<the Key Vault")
			.contains("{\"credentialArn\": \"<Secrets Manager secret ARN or SSM parameter ARN>\"}")
			.contains("<namespace>:<secret name>")
			.contains(FilingSchema.AZURE_KEY_VAULT_EXAMPLE, FilingSchema.AWS_EXAMPLE,
					FilingSchema.KUBERNETES_SECRET_EXAMPLE)
			.doesNotContain("a secret URI (azureKeyVault), an ARN (aws)");
	}

	@Test
	void everyExampleIsAcceptedByItsPlugin() {
		assertThat(preset(KnownPlugin.AZURE_KEY_VAULT, FilingSchema.AZURE_KEY_VAULT_EXAMPLE))
			.isInstanceOf(AzureKeyVaultPlugin.class);
		assertThat(preset(KnownPlugin.AWS, FilingSchema.AWS_EXAMPLE)).isInstanceOf(AwsPlugin.class);
		assertThat(preset(KnownPlugin.KUBERNETES_SECRET, FilingSchema.KUBERNETES_SECRET_EXAMPLE))
			.isInstanceOf(KubernetesSecretPlugin.class);
	}

	private static HostAccountPreset preset(KnownPlugin plugin, String input) {
		return HostAccountPreset
			.from(new HostAccountConfig(HostAccountConfig.PORTABLE_CCG_VERSION, plugin.clsid(), input));
	}

}
