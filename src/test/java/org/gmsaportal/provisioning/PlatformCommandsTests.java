package org.gmsaportal.provisioning;

import java.util.List;

import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.provisioning.PlatformCommands.PlatformCommand;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gmsaportal.provisioning.StoreCommandsTests.KV_INPUT;
import static org.gmsaportal.provisioning.StoreCommandsTests.SM_ARN;
import static org.gmsaportal.provisioning.StoreCommandsTests.SSM_ARN;
import static org.gmsaportal.provisioning.StoreCommandsTests.portable;

/**
 * What the admin does on the cloud platform (issue 13 item 5), filled in with the request's values; placeholders
 * only where the request cannot know them.
 */
class PlatformCommandsTests {

	private static final Target CLUSTER = new Target.Cluster("aks", "apps", "webapp", "web01-spec",
			List.of("10.0.0.4", "10.0.0.5"), null);

	@Test
	void aksGetsGmsaEnabledWithTheRequestsDnsServerAndTheKubeletIdentityMayReadTheVault() {
		List<PlatformCommand> commands = PlatformCommands.of(
				portable(KnownPlugin.AZURE_KEY_VAULT, KV_INPUT, SecretDelivery.STORE, CLUSTER), "contoso.com");
		assertThat(commands).extracting(PlatformCommand::topic)
			.containsExactly("aks-gmsa", "keyvault-policy", "keyvault-rbac");
		assertThat(commands.get(0).command()).isEqualTo("az aks update --resource-group <resource-group>"
				+ " --name <aks-cluster> --enable-windows-gmsa --gmsa-dns-server 10.0.0.4"
				+ " --gmsa-root-domain-name contoso.com");
		assertThat(commands.get(1).command()).isEqualTo("az keyvault set-policy --name contoso-kv"
				+ " --object-id 5d1b6a3c-0e2f-4b7a-9c8d-1e2f3a4b5c6d --secret-permissions get");
		assertThat(commands.get(2).command()).isEqualTo("az role assignment create --role \"Key Vault Secrets User\""
				+ " --assignee-object-id 5d1b6a3c-0e2f-4b7a-9c8d-1e2f3a4b5c6d --assignee-principal-type"
				+ " ServicePrincipal --scope \"$(az keyvault show --name contoso-kv --query id -o tsv)\"");
	}

	@Test
	void withoutACoreDnsServerTheDnsServerIsLeftToTheAdmin() {
		assertThat(PlatformCommands.of(portable(KnownPlugin.AZURE_KEY_VAULT, KV_INPUT), "contoso.com").get(0)
			.command()).contains("--gmsa-dns-server <dns-server-ip> --gmsa-root-domain-name contoso.com");
	}

	@Test
	void theEksNodeRoleMayReadExactlyTheSecret() {
		List<PlatformCommand> commands = PlatformCommands.of(
				portable(KnownPlugin.AWS, "{\"credentialArn\":\"" + SM_ARN + "\"}"), "contoso.com");
		String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
				+ "\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"" + SM_ARN + "\"}]}";
		assertThat(commands).extracting(PlatformCommand::topic).containsExactly("iam-policy", "iam-attach");
		assertThat(commands.get(0).command().replaceAll("\\s", "")).isEqualTo(policy);
		assertThat(commands.get(1).command()).isEqualTo("aws iam put-role-policy --role-name <node-instance-role>"
				+ " --policy-name gmsa-web01-read-identity --policy-document '" + policy + "'");
	}

	@Test
	void anSsmParameterNeedsGetParameterAndDecryptWithItsKey() {
		List<PlatformCommand> commands = PlatformCommands.of(
				portable(KnownPlugin.AWS, "{\"credentialArn\":\"" + SSM_ARN + "\"}"), "contoso.com");
		assertThat(commands.get(0).command().replaceAll("\\s", "")).isEqualTo("{\"Version\":\"2012-10-17\","
				+ "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ssm:GetParameter\",\"Resource\":\"" + SSM_ARN
				+ "\"},{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\","
				+ "\"Resource\":\"arn:aws:kms:us-east-2:123456789012:key/<kms-key-id>\"}]}");
	}

	@Test
	void kubernetesSecretPluginsAndDomainJoinedHostsNeedNothingOnThePlatform() {
		assertThat(PlatformCommands.of(portable(KnownPlugin.KUBERNETES_SECRET, "apps:web01-ccg"), "contoso.com"))
			.isEmpty();
		ProvisioningRequest joined = new ProvisioningRequest("lab", "web01", "web01.contoso.com", List.of(),
				java.util.Set.of(org.gmsaportal.directory.EncryptionType.AES256_CTS_HMAC_SHA1_96),
				org.gmsaportal.directory.KdsRootKeyChoice.USE_EXISTING, "web01-hosts",
				new Hosts.DomainJoined(List.of()), CLUSTER, null);
		assertThat(PlatformCommands.of(joined, "contoso.com")).isEmpty();
	}

}
