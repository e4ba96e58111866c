package org.gmsaportal.provisioning;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.gmsaportal.credspec.AwsPlugin;
import org.gmsaportal.credspec.AzureKeyVaultPlugin;
import org.gmsaportal.credspec.HostAccountPreset;
import org.gmsaportal.credspec.InvalidCredentialSpecInputException;
import org.gmsaportal.credspec.KubernetesSecretPlugin;
import org.gmsaportal.credspec.PortableIdentity;
import org.gmsaportal.credspec.PortableIdentitySecret;
import org.gmsaportal.credspec.SecretValue;

/**
 * The command that stores the portable identity where the request's plug-in reads it, or removes it, with the
 * password left as {@link #PASSWORD} for a person to paste: shown beside the plan's store step and, for manual
 * delivery, beside the one showing of the password. The value's shape comes from the preset itself
 * ({@link HostAccountPreset#secretFor}), so the command stores exactly what the run would. Pure, like
 * {@link EquivalentCommands}; never given a password, so none can reach a page through it.
 */
public final class StoreCommands {

	/** Where the password goes in a command; the only part a person fills in. */
	public static final String PASSWORD = "<password>";

	private StoreCommands() {
	}

	/**
	 * Where the portable identity is stored, e.g. {@code Azure Key Vault contoso-kv, secret gmsa-web01}; empty for a
	 * domain-joined request or a plug-in whose store the portal does not know.
	 */
	public static Optional<String> destination(ProvisioningRequest request) {
		return preset(request).flatMap(StoreCommands::destination);
	}

	static Optional<String> destination(HostAccountPreset preset) {
		if (preset instanceof AzureKeyVaultPlugin kv) {
			return Optional.of("Azure Key Vault " + vault(kv) + ", secret " + secretName(kv));
		}
		if (preset instanceof AwsPlugin aws) {
			return Optional.of(ssm(aws) ? "AWS SSM Parameter Store SecureString " + parameterName(aws)
					: "AWS Secrets Manager secret " + aws.credentialArn());
		}
		return kubernetesSecret(preset).map((k8s) -> "Kubernetes Secret " + k8s[1] + " in namespace " + k8s[0]);
	}

	/**
	 * The command that writes the portable identity of this request into its store, password elided; empty for a
	 * domain-joined request or a plug-in whose store the portal does not know.
	 *
	 * @param domain the DNS name of the portable user's domain, as the plug-in's value carries it
	 */
	public static Optional<String> write(ProvisioningRequest request, String domain) {
		if (!(request.hosts() instanceof Hosts.Portable portable)) {
			return Optional.empty();
		}
		return preset(request).flatMap((preset) -> write(preset, portable.userName(), domain));
	}

	static Optional<String> write(HostAccountPreset preset, String userName, String domain) {
		Optional<PortableIdentitySecret> shape;
		try {
			shape = preset.secretFor(new PortableIdentity(domain, userName, SecretValue.of(PASSWORD)));
		}
		catch (InvalidCredentialSpecInputException ex) {
			// A domain or user the request rules let through but the identity does not: no command beats a wrong one.
			return Optional.empty();
		}
		if (shape.isEmpty()) {
			return Optional.empty();
		}
		if (preset instanceof AzureKeyVaultPlugin kv && shape.get() instanceof PortableIdentitySecret.Text text) {
			return Optional.of("az keyvault secret set --vault-name " + sh(vault(kv)) + " --name " + sh(secretName(kv))
					+ " --value " + quoted(text.value()));
		}
		if (preset instanceof AwsPlugin aws && shape.get() instanceof PortableIdentitySecret.Text text) {
			return Optional.of(ssm(aws)
					? "aws ssm put-parameter --region " + region(aws) + " --name " + sh(parameterName(aws))
							+ " --type SecureString --overwrite --value " + quoted(text.value())
					: "aws secretsmanager put-secret-value --region " + region(aws) + " --secret-id "
							+ sh(aws.credentialArn()) + " --secret-string " + quoted(text.value()));
		}
		if (shape.get() instanceof PortableIdentitySecret.KeyValues keys) {
			return kubernetesSecret(preset).map((k8s) -> "kubectl -n " + sh(k8s[0]) + " create secret generic "
					+ sh(k8s[1]) + " " + literals(keys.entries()));
		}
		return Optional.empty();
	}

	/** The command that removes the secret the run wrote; empty where {@link #write} is. */
	public static Optional<String> remove(ProvisioningRequest request) {
		return preset(request).flatMap(StoreCommands::remove);
	}

	static Optional<String> remove(HostAccountPreset preset) {
		if (preset instanceof AzureKeyVaultPlugin kv) {
			return Optional.of("az keyvault secret delete --vault-name " + sh(vault(kv)) + " --name "
					+ sh(secretName(kv)));
		}
		if (preset instanceof AwsPlugin aws) {
			return Optional.of(ssm(aws)
					? "aws ssm delete-parameter --region " + region(aws) + " --name " + sh(parameterName(aws))
					: "aws secretsmanager delete-secret --region " + region(aws) + " --secret-id "
							+ sh(aws.credentialArn()));
		}
		return kubernetesSecret(preset).map((k8s) -> "kubectl -n " + sh(k8s[0]) + " delete secret " + sh(k8s[1]));
	}

	/**
	 * The namespace and name of the Kubernetes Secret a preset reads: Rancher's, and any other preset that keeps the
	 * identity as a Secret's keys with {@code PluginInput} {@code <namespace>:<secret name>} (AKS on Azure Local
	 * does, with its own keys), so such a preset gets its command without a branch of its own.
	 */
	private static Optional<String[]> kubernetesSecret(HostAccountPreset preset) {
		if (preset instanceof KubernetesSecretPlugin k8s) {
			return Optional.of(new String[] { k8s.namespace(), k8s.secretName() });
		}
		if (preset instanceof AzureKeyVaultPlugin || preset instanceof AwsPlugin) {
			return Optional.empty();
		}
		Optional<PortableIdentitySecret> shape;
		try {
			shape = preset.secretFor(new PortableIdentity("example.com", "user", SecretValue.of(PASSWORD)));
		}
		catch (InvalidCredentialSpecInputException ex) {
			return Optional.empty();
		}
		String[] parts = preset.pluginInput().split(":", -1);
		return (shape.isPresent() && shape.get() instanceof PortableIdentitySecret.KeyValues && parts.length == 2)
				? Optional.of(parts) : Optional.empty();
	}

	/** The request's preset; empty for domain-joined hosts or an input its plug-in would not parse. */
	static Optional<HostAccountPreset> preset(ProvisioningRequest request) {
		if (!(request.hosts() instanceof Hosts.Portable portable)) {
			return Optional.empty();
		}
		try {
			return Optional.of(portable.preset());
		}
		catch (InvalidCredentialSpecInputException ex) {
			return Optional.empty();
		}
	}

	/** The vault's name: the first label of the secret URI's host ({@code contoso-kv.vault.azure.net}). */
	static String vault(AzureKeyVaultPlugin kv) {
		String host = kv.secretUri().getHost();
		return host.substring(0, host.indexOf('.'));
	}

	/** The secret's name: {@code /secrets/<name>[/<version>]}. */
	static String secretName(AzureKeyVaultPlugin kv) {
		return kv.secretUri().getRawPath().split("/")[2];
	}

	static boolean ssm(AwsPlugin aws) {
		return aws.credentialArn().contains(":ssm:");
	}

	/** The ARN's region, which the CLI needs when it differs from the configured one. */
	static String region(AwsPlugin aws) {
		return aws.credentialArn().split(":")[3];
	}

	/** The account id in the ARN. */
	static String account(AwsPlugin aws) {
		return aws.credentialArn().split(":")[4];
	}

	/**
	 * The parameter's name in an SSM ARN: {@code parameter/web01} names {@code web01}, and a path
	 * ({@code parameter/gmsa/web01}) names {@code /gmsa/web01}, as AWS writes hierarchical names.
	 */
	static String parameterName(AwsPlugin aws) {
		String arn = aws.credentialArn();
		String name = arn.substring(arn.indexOf(":parameter/") + ":parameter/".length());
		return name.contains("/") ? "/" + name : name;
	}

	// username=web01-ccg password='<password>' domainName=contoso.com, in the order the plug-in's preset lists them.
	private static String literals(Map<String, SecretValue> entries) {
		return entries.entrySet().stream()
			.map((e) -> "--from-literal=" + e.getKey() + "=" + (e.getValue().reveal().equals(PASSWORD)
					? "'" + PASSWORD + "'" : sh(e.getValue().reveal())))
			.collect(Collectors.joining(" "));
	}

	/** A value holding the placeholder, single-quoted so the pasted password is taken literally. */
	private static String quoted(SecretValue value) {
		return "'" + value.reveal().replace("'", "'\\''") + "'";
	}

	private static String sh(String value) {
		return EquivalentCommands.sh(value);
	}

}
