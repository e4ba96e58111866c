package org.gmsaportal.provisioning;

import java.util.List;
import java.util.Set;

import org.gmsaportal.credspec.CustomPlugin;
import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store commands beside the plan's store steps and the manual showing (issue 13 items 1 and 2): one per
 * destination, exact, in the value format the plug-in reads, with the password left as {@code <password>}.
 */
class StoreCommandsTests {

	static final String KV_INPUT = "ObjectId=5d1b6a3c-0e2f-4b7a-9c8d-1e2f3a4b5c6d;"
			+ "SecretUri=https://contoso-kv.vault.azure.net/secrets/gmsa-web01";

	static final String SM_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:gmsa-web01-AbCdEf";

	static final String SSM_ARN = "arn:aws:ssm:us-east-2:123456789012:parameter/gmsa/web01";

	static ProvisioningRequest portable(KnownPlugin plugin, String input, SecretDelivery delivery, Target target) {
		return new ProvisioningRequest("lab", "web01", "web01.contoso.com", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, "web01-hosts",
				new Hosts.Portable("web01-ccg", plugin.clsid(), input, delivery), target, null);
	}

	static ProvisioningRequest portable(KnownPlugin plugin, String input) {
		return portable(plugin, input, SecretDelivery.STORE,
				new Target.Cluster("prod", "apps", "webapp", "web01-spec", java.util.List.of(), null));
	}

	private static String write(ProvisioningRequest request) {
		return EquivalentCommands.of(new PlannedStep(4, StepKind.WRITE_PORTABLE_SECRET, "web01-ccg", StepIntent.APPLY,
				"d"), request, "contoso.com");
	}

	private static String remove(ProvisioningRequest request) {
		return EquivalentCommands.of(new PlannedStep(1, StepKind.REMOVE_PORTABLE_SECRET, "web01-ccg",
				StepIntent.APPLY, "d"), request, "contoso.com");
	}

	@Test
	void keyVaultGetsDomainBackslashUserColonPasswordAsTheAksSeedDocumentStoresIt() {
		ProvisioningRequest request = portable(KnownPlugin.AZURE_KEY_VAULT, KV_INPUT);
		assertThat(write(request)).isEqualTo("az keyvault secret set --vault-name contoso-kv --name gmsa-web01"
				+ " --value 'contoso.com\\web01-ccg:<password>'");
		assertThat(remove(request)).isEqualTo("az keyvault secret delete --vault-name contoso-kv --name gmsa-web01");
		assertThat(StoreCommands.destination(request)).hasValue("Azure Key Vault contoso-kv, secret gmsa-web01");
	}

	@Test
	void secretsManagerGetsTheJsonTheAwsPluginReadsInTheArnsRegion() {
		ProvisioningRequest request = portable(KnownPlugin.AWS, "{\"credentialArn\":\"" + SM_ARN + "\"}");
		assertThat(write(request)).isEqualTo("aws secretsmanager put-secret-value --region eu-west-1 --secret-id "
				+ SM_ARN + " --secret-string '{\"username\":\"web01-ccg\",\"password\":\"<password>\","
				+ "\"domainName\":\"contoso.com\"}'");
		assertThat(remove(request)).isEqualTo("aws secretsmanager delete-secret --region eu-west-1 --secret-id "
				+ SM_ARN);
		assertThat(StoreCommands.destination(request)).hasValue("AWS Secrets Manager secret " + SM_ARN);
	}

	@Test
	void anSsmParameterIsASecureStringNamedAsItsArnsPath() {
		ProvisioningRequest request = portable(KnownPlugin.AWS, "{\"credentialArn\":\"" + SSM_ARN + "\"}");
		assertThat(write(request)).isEqualTo("aws ssm put-parameter --region us-east-2 --name /gmsa/web01"
				+ " --type SecureString --overwrite --value '{\"username\":\"web01-ccg\",\"password\":\"<password>\","
				+ "\"domainName\":\"contoso.com\"}'");
		assertThat(remove(request)).isEqualTo("aws ssm delete-parameter --region us-east-2 --name /gmsa/web01");
		// A name without a path has no leading slash.
		assertThat(write(portable(KnownPlugin.AWS,
				"{\"credentialArn\":\"arn:aws:ssm:us-east-2:123456789012:parameter/web01\"}")))
			.startsWith("aws ssm put-parameter --region us-east-2 --name web01 --type");
	}

	@Test
	void theRancherSecretHasTheKeysItsPluginReadsInTheirOrder() {
		ProvisioningRequest request = portable(KnownPlugin.KUBERNETES_SECRET, "apps:web01-ccg");
		assertThat(write(request)).isEqualTo("kubectl -n apps create secret generic web01-ccg"
				+ " --from-literal=username=web01-ccg --from-literal=password='<password>'"
				+ " --from-literal=domainName=contoso.com");
		assertThat(remove(request)).isEqualTo("kubectl -n apps delete secret web01-ccg");
		assertThat(StoreCommands.destination(request))
			.hasValue("Kubernetes Secret web01-ccg in namespace apps");
	}

	@Test
	void theCommandsHoldThePlaceholderOnceAndNothingForOtherHosts() {
		for (ProvisioningRequest request : List.of(portable(KnownPlugin.AZURE_KEY_VAULT, KV_INPUT),
				portable(KnownPlugin.AWS, "{\"credentialArn\":\"" + SM_ARN + "\"}"),
				portable(KnownPlugin.KUBERNETES_SECRET, "apps:web01-ccg"))) {
			String command = write(request);
			assertThat(command.indexOf(StoreCommands.PASSWORD)).isPositive()
				.isEqualTo(command.lastIndexOf(StoreCommands.PASSWORD));
		}
		// Runs take known plug-ins only; a custom one's store is unknown, so it gets no command, never a guessed one.
		CustomPlugin custom = CustomPlugin.of("{11111111-2222-3333-4444-555555555555}", "vault:kv/web01");
		assertThat(StoreCommands.write(custom, "web01-ccg", "contoso.com")).isEmpty();
		assertThat(StoreCommands.remove(custom)).isEmpty();
		assertThat(StoreCommands.destination(custom)).isEmpty();
	}

	@Test
	void aRotationSetsTheNewPasswordWithoutTypingIt() {
		assertThat(EquivalentCommands.of(new PlannedStep(0, StepKind.SET_PORTABLE_PASSWORD, "web01-ccg",
				StepIntent.APPLY, "d"), portable(KnownPlugin.AZURE_KEY_VAULT, KV_INPUT), "contoso.com"))
			.isEqualTo("Set-ADAccountPassword -Identity 'web01-ccg' -Reset -NewPassword (Read-Host -AsSecureString "
					+ "'Password')");
	}

}
