package org.gmsaportal.credspec;

/**
 * The kinds of defect the validator recognises, stable for the API and for tests.
 */
public enum FindingCode {

	/** The text is not JSON, or not a JSON object. */
	MALFORMED_JSON,

	/** A required section or field is absent. */
	MISSING_SECTION,

	/** A section or field has the wrong JSON type (every leaf of a credspec is a string). */
	WRONG_TYPE,

	/** A key the credspec format does not have; the Kubernetes API server prunes it from the resource. */
	UNKNOWN_KEY,

	/** The input was a {@code GMSACredentialSpec} resource; its {@code credspec} field was checked. */
	RESOURCE_UNWRAPPED,

	/** {@code CmsPlugins} is not {@code ["ActiveDirectory"]}. */
	CMS_PLUGINS,

	/** {@code Sid} is not a domain SID (for example the gMSA's own SID, which ends in a RID). */
	SID_NOT_DOMAIN_SID,

	/** {@code Guid} is not a GUID in canonical form. */
	GUID_FORMAT,

	/** A DNS or NetBIOS domain name is not well-formed. */
	DOMAIN_NAME_FORMAT,

	/** An account name is not a valid gMSA name. */
	ACCOUNT_NAME_FORMAT,

	/** {@code MachineAccountName} is not among {@code GroupManagedServiceAccounts}. */
	MACHINE_ACCOUNT_NOT_IN_GMSAS,

	/** The primary gMSA has no entry scoped to the domain's DNS name. */
	MISSING_DNS_SCOPE,

	/** The primary gMSA has no entry scoped to the domain's NetBIOS name. */
	MISSING_NETBIOS_SCOPE,

	/** The same gMSA and scope appear twice. */
	DUPLICATE_ACCOUNT,

	/** {@code HostAccountConfig} sits somewhere other than inside {@code ActiveDirectoryConfig}. */
	HOST_ACCOUNT_CONFIG_MISPLACED,

	/** {@code PortableCcgVersion} is not the string {@code "1"}. */
	PORTABLE_CCG_VERSION,

	/** {@code PluginGUID} is not a CLSID in braces. */
	PLUGIN_GUID_NOT_CLSID,

	/** {@code PluginGUID} is an example value copied from documentation. */
	PLUGIN_GUID_PLACEHOLDER,

	/** {@code PluginGUID} is well-formed but not a plug-in the portal knows. */
	PLUGIN_GUID_UNKNOWN,

	/** {@code PluginInput} is a JSON object or other non-string value. */
	PLUGIN_INPUT_NOT_STRING,

	/** {@code PluginInput} is not in the form its plug-in reads. */
	PLUGIN_INPUT_INVALID,

	/** A field differs from the domain facts read from the directory. */
	FACT_MISMATCH

}
