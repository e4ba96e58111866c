package org.gmsaportal.credspec;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A credential spec: the JSON document that tells a Windows container runtime which gMSA a container runs as.
 *
 * @param cmsPlugins always {@code ["ActiveDirectory"]}
 * @param domainJoinConfig the domain the container acts as joined to
 * @param activeDirectoryConfig the gMSAs and, optionally, the host account plug-in
 */
public record CredentialSpec(List<String> cmsPlugins, DomainJoinConfig domainJoinConfig,
		ActiveDirectoryConfig activeDirectoryConfig) {

	/** The only CMS plug-in credential specs use. */
	public static final String ACTIVE_DIRECTORY = "ActiveDirectory";

	public CredentialSpec {
		cmsPlugins = List.copyOf(cmsPlugins);
	}

	/** Whether the node must be domain-joined or uses a plug-in to fetch a portable identity. */
	public HostMode hostMode() {
		return this.activeDirectoryConfig.hostAccount().isPresent() ? HostMode.NON_DOMAIN_JOINED
				: HostMode.DOMAIN_JOINED;
	}

	/**
	 * The file name {@code New-CredentialSpec} chooses by default: {@code <netbios>_<account>.json}, lower case.
	 */
	public String suggestedFileName() {
		return (this.domainJoinConfig.netBiosName() + "_" + this.domainJoinConfig.machineAccountName())
			.toLowerCase(Locale.ROOT) + ".json";
	}

	/** Pretty JSON with the key names, nesting and order {@code New-CredentialSpec} writes. */
	public String toJson() {
		return CredentialSpecJson.write(this);
	}

	/**
	 * The same document as nested maps and lists in key order, e.g. for the {@code credspec} field of a
	 * {@code GMSACredentialSpec} resource.
	 */
	public Map<String, Object> toMap() {
		return CredentialSpecJson.toMap(this);
	}

	/**
	 * Reads a credential spec whose structure is sound. Use {@link CredentialSpecValidator} to find out what is
	 * wrong with one that may not be.
	 * @throws InvalidCredentialSpecInputException naming the first field that is missing or of the wrong type
	 */
	public static CredentialSpec fromJson(String json) {
		return CredentialSpecJson.read(json);
	}

}
