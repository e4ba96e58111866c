package org.gmsaportal.credspec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Kubernetes Secret plug-in (Rancher): the account provider on each node reads the portable identity from a
 * Kubernetes Secret.
 *
 * @param namespace namespace of the Secret
 * @param secretName name of the Secret
 */
public record KubernetesSecretPlugin(String namespace, String secretName) implements HostAccountPreset {

	private static final String LABEL = "[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?";

	private static final Pattern NAMESPACE = Pattern.compile(LABEL);

	private static final Pattern NAME = Pattern.compile("(?=.{1,253}$)" + LABEL + "(?:\\." + LABEL + ")*");

	public KubernetesSecretPlugin {
		if (!NAMESPACE.matcher(namespace).matches()) {
			throw new InvalidCredentialSpecInputException("namespace",
					"must be a DNS-1123 label: at most 63 lower-case letters, digits and inner hyphens", namespace);
		}
		if (!NAME.matcher(secretName).matches()) {
			throw new InvalidCredentialSpecInputException("secretName",
					"must be a DNS-1123 subdomain: lower-case letters, digits, inner hyphens and dots, at most 253", secretName);
		}
	}

	/** Reads {@code <namespace>:<secret name>}. */
	static KubernetesSecretPlugin parse(String pluginInput) {
		String[] parts = pluginInput.split(":", -1);
		if (parts.length != 2) {
			throw new InvalidCredentialSpecInputException("PluginInput",
					"must be <namespace>:<secret name>", pluginInput);
		}
		return new KubernetesSecretPlugin(parts[0], parts[1]);
	}

	@Override
	public String pluginGuid() {
		return KnownPlugin.KUBERNETES_SECRET.clsid();
	}

	@Override
	public String pluginInput() {
		return this.namespace + ":" + this.secretName;
	}

	@Override
	public String describe() {
		return "The Kubernetes Secret plug-in reads the portable identity from Secret " + this.secretName
				+ " in namespace " + this.namespace + " through the Rancher account provider.";
	}

	/** The Secret's keys are {@code username}, {@code password} and {@code domainName}. */
	@Override
	public Optional<PortableIdentitySecret> secretFor(PortableIdentity identity) {
		Map<String, SecretValue> data = new LinkedHashMap<>();
		data.put("username", SecretValue.of(identity.userName()));
		data.put("password", identity.password());
		data.put("domainName", SecretValue.of(identity.domainDnsName()));
		return Optional.of(new PortableIdentitySecret.KeyValues(data));
	}

	@Override
	public PortableIdentity identityFrom(PortableIdentitySecret secret) {
		return SecretParsing.keyValues(secret, "domainName", "username", "password");
	}

}
