package org.gmsaportal.credspec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes Secret plug-in of AKS on Azure Local / Azure Stack HCI (AKS Arc): the portable identity is a
 * {@code v1 Secret} with the keys {@code domain}, {@code username} and {@code password}, as the AKS-HCI gMSA
 * document ("Configure group Managed Service Accounts ... with AKS on Azure Stack HCI", seed 001) writes it.
 * <p>
 * Its plug-in CLSID is not published: neither the AKS-HCI documents nor any public source of the AksHci module
 * ({@code Add-AksHciGMSACredentialSpec} writes the HostAccountConfig itself) name it (gmsa-anchors.md section 8),
 * so the portal does not guess one. The admin supplies the CLSID their cluster's nodes register (under
 * {@code HKLM\SYSTEM\CurrentControlSet\Control\CCG\COMClasses}); it must be a GUID in braces, not a documentation
 * placeholder and not another known plug-in's. {@code PluginInput} is {@code <namespace>:<secret name>}, the two
 * values {@code Add-AksHciGMSACredentialSpec} takes as {@code -secretNamespace} and {@code -secretName}.
 *
 * @param pluginGuid the CLSID of the AKS-HCI plug-in on the admin's nodes, in braces
 * @param namespace namespace of the Secret (the workload's namespace, as the document requires)
 * @param secretName name of the Secret
 */
public record AksHciSecretPlugin(String pluginGuid, String namespace, String secretName) implements HostAccountPreset {

	public AksHciSecretPlugin {
		if (!InputRules.isClsid(pluginGuid)) {
			throw new InvalidCredentialSpecInputException("PluginGUID",
					"must be the CLSID your AKS-HCI nodes register for their gMSA plug-in: 32 hex digits 8-4-4-4-12 in "
							+ "braces (Microsoft does not publish it, so the portal cannot fill it in)", pluginGuid);
		}
		if (KnownPlugin.isDocumentationPlaceholder(pluginGuid)) {
			throw new InvalidCredentialSpecInputException("PluginGUID",
					"is a placeholder from Microsoft's documentation, not a plug-in; use the CLSID your nodes register");
		}
		KnownPlugin.byGuid(pluginGuid).ifPresent((known) -> {
			throw new InvalidCredentialSpecInputException("PluginGUID",
					"is the CLSID of the " + known.displayName() + ", not of the AKS-HCI plug-in");
		});
		// The same Kubernetes naming rules as the Rancher preset; its constructor reports them.
		new KubernetesSecretPlugin(namespace, secretName);
	}

	/**
	 * Reads the preset from form input; a CLSID without braces gets them, since CCG ignores a bare one.
	 * @throws InvalidCredentialSpecInputException naming {@code PluginGUID} or {@code PluginInput} and the rule
	 */
	public static AksHciSecretPlugin of(String pluginGuid, String pluginInput) {
		String clsid = InputRules.isGuid(pluginGuid) ? "{" + pluginGuid + "}" : pluginGuid;
		KubernetesSecretPlugin secret = KubernetesSecretPlugin.parse(pluginInput);
		return new AksHciSecretPlugin(clsid, secret.namespace(), secret.secretName());
	}

	@Override
	public String pluginInput() {
		return this.namespace + ":" + this.secretName;
	}

	@Override
	public String describe() {
		return "The AKS on Azure Local (AKS-HCI) plug-in " + this.pluginGuid + " reads the portable identity from "
				+ "Secret " + this.secretName + " in namespace " + this.namespace + ".";
	}

	/** The Secret's keys are {@code domain} (the domain's DNS name), {@code username} and {@code password}. */
	@Override
	public Optional<PortableIdentitySecret> secretFor(PortableIdentity identity) {
		Map<String, SecretValue> data = new LinkedHashMap<>();
		data.put("domain", SecretValue.of(identity.domainDnsName()));
		data.put("username", SecretValue.of(identity.userName()));
		data.put("password", identity.password());
		return Optional.of(new PortableIdentitySecret.KeyValues(data));
	}

	@Override
	public PortableIdentity identityFrom(PortableIdentitySecret secret) {
		return SecretParsing.keyValues(secret, "domain", "username", "password");
	}

}
