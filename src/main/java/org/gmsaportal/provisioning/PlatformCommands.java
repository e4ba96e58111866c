package org.gmsaportal.provisioning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gmsaportal.credspec.AwsPlugin;
import org.gmsaportal.credspec.AzureKeyVaultPlugin;
import org.gmsaportal.credspec.HostAccountPreset;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the portal cannot do for the admin on the cloud platform, as commands filled in with the request's values:
 * for the Azure Key Vault plug-in (AKS) enabling gMSA on the cluster and the Key Vault access of the identity the
 * plug-in reads as; for the AWS plug-in (EKS) the IAM policy the node role needs on the secret. Sources: the AKS
 * seed document (004: {@code az aks update --enable-windows-gmsa}, {@code az keyvault set-policy ... get}) and
 * {@code gmsa-anchors.md} sections 3 and 5. A value the request does not know stays a {@code <placeholder>}.
 */
public final class PlatformCommands {

	static final String RESOURCE_GROUP = "<resource-group>";

	static final String CLUSTER = "<aks-cluster>";

	static final String DNS_SERVER = "<dns-server-ip>";

	static final String NODE_ROLE = "<node-instance-role>";

	static final String KMS_KEY = "<kms-key-id>";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private PlatformCommands() {
	}

	/**
	 * One thing to do on the platform.
	 *
	 * @param topic what it is for, a key under {@code platform.} in messages.properties ({@code aks-gmsa},
	 * {@code keyvault-policy}, {@code keyvault-rbac}, {@code iam-policy}, {@code iam-attach})
	 * @param command the command, or the policy document for {@code iam-policy}
	 */
	public record PlatformCommand(String topic, String command) {
	}

	/**
	 * The platform's commands for this request; empty for domain-joined hosts and for plug-ins with nothing to grant
	 * outside the cluster (the Kubernetes Secret plug-ins, custom ones).
	 *
	 * @param domain the domain's DNS name, the root domain AKS forwards to the DNS server
	 */
	public static List<PlatformCommand> of(ProvisioningRequest request, String domain) {
		Optional<HostAccountPreset> preset = StoreCommands.preset(request);
		if (preset.isPresent() && preset.get() instanceof AzureKeyVaultPlugin kv) {
			return azure(kv, request, domain);
		}
		if (preset.isPresent() && preset.get() instanceof AwsPlugin aws) {
			return aws(aws, request);
		}
		return List.of();
	}

	private static List<PlatformCommand> azure(AzureKeyVaultPlugin kv, ProvisioningRequest request, String domain) {
		// AKS takes one DNS server here; more than one go into the VNet's custom DNS (seed 004).
		String dns = (request.target() instanceof Target.Cluster cluster && !cluster.dnsForwardServers().isEmpty())
				? cluster.dnsForwardServers().get(0) : DNS_SERVER;
		String vault = EquivalentCommands.sh(StoreCommands.vault(kv));
		String objectId = kv.managedIdentityObjectId().toString();
		List<PlatformCommand> commands = new ArrayList<>();
		commands.add(new PlatformCommand("aks-gmsa", "az aks update --resource-group " + RESOURCE_GROUP + " --name "
				+ CLUSTER + " --enable-windows-gmsa --gmsa-dns-server " + dns + " --gmsa-root-domain-name "
				+ EquivalentCommands.sh(domain)));
		commands.add(new PlatformCommand("keyvault-policy", "az keyvault set-policy --name " + vault + " --object-id "
				+ objectId + " --secret-permissions get"));
		commands.add(new PlatformCommand("keyvault-rbac", "az role assignment create --role \"Key Vault Secrets User\""
				+ " --assignee-object-id " + objectId + " --assignee-principal-type ServicePrincipal --scope "
				+ "\"$(az keyvault show --name " + vault + " --query id -o tsv)\""));
		return commands;
	}

	private static List<PlatformCommand> aws(AwsPlugin aws, ProvisioningRequest request) {
		List<Map<String, Object>> statements = new ArrayList<>();
		if (StoreCommands.ssm(aws)) {
			statements.add(statement("ssm:GetParameter", aws.credentialArn()));
			// A SecureString is encrypted with a KMS key: the AWS-managed aws/ssm key needs no grant, a customer's
			// key does.
			statements.add(statement("kms:Decrypt", "arn:aws:kms:" + StoreCommands.region(aws) + ":"
					+ StoreCommands.account(aws) + ":key/" + KMS_KEY));
		}
		else {
			statements.add(statement("secretsmanager:GetSecretValue", aws.credentialArn()));
		}
		Map<String, Object> policy = new LinkedHashMap<>();
		policy.put("Version", "2012-10-17");
		policy.put("Statement", statements);
		String document = JSON.writeValueAsString(policy);
		String name = "gmsa-" + request.gmsaName().toLowerCase(java.util.Locale.ROOT) + "-read-identity";
		return List.of(new PlatformCommand("iam-policy", JSON.writerWithDefaultPrettyPrinter()
			.writeValueAsString(policy)),
				new PlatformCommand("iam-attach", "aws iam put-role-policy --role-name " + NODE_ROLE + " --policy-name "
						+ name + " --policy-document '" + document + "'"));
	}

	private static Map<String, Object> statement(String action, String resource) {
		Map<String, Object> statement = new LinkedHashMap<>();
		statement.put("Effect", "Allow");
		statement.put("Action", action);
		statement.put("Resource", resource);
		return statement;
	}

}
