package org.gmsaportal.credspec;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The ccg.exe plug-ins whose CLSID, input and secret format are confirmed from their sources
 * ({@code gmsa-anchors.md} section 8).
 */
public enum KnownPlugin {

	/** Microsoft's Azure Key Vault plug-in, used by AKS. */
	AZURE_KEY_VAULT("{CCC2A336-D7F3-4818-A213-272B7924213E}", "Azure Key Vault plug-in (AKS)"),

	/** The AWS plug-in for domainless gMSA on EKS and ECS. */
	AWS("{859E1386-BDB4-49E8-85C7-3070B13920E1}", "AWS plug-in (EKS/ECS domainless)"),

	/** Rancher's plug-in that reads a Kubernetes Secret through its account provider. */
	KUBERNETES_SECRET("{e4781092-f116-4b79-b55e-28eb6a224e26}", "Kubernetes Secret plug-in (Rancher)");

	// Example CLSIDs from Microsoft's docs that look real but name no plug-in; the other documented placeholder,
	// {GDMA0342-266A-4D1P-831J-20990E82944F}, already fails the hex check.
	private static final Set<String> PLACEHOLDERS = Set.of("{CFCA0441-511D-4B2A-862E-20348A78760B}");

	private final String clsid;

	private final String displayName;

	KnownPlugin(String clsid, String displayName) {
		this.clsid = clsid;
		this.displayName = displayName;
	}

	/** The CLSID in braces, in the letter case its vendor documents. */
	public String clsid() {
		return this.clsid;
	}

	public String displayName() {
		return this.displayName;
	}

	/** The known plug-in with this CLSID; braces are required, letter case does not matter. */
	public static Optional<KnownPlugin> byGuid(String clsid) {
		for (KnownPlugin plugin : values()) {
			if (plugin.clsid.equalsIgnoreCase(clsid)) {
				return Optional.of(plugin);
			}
		}
		return Optional.empty();
	}

	/** Whether this CLSID is a placeholder copied from documentation. */
	public static boolean isDocumentationPlaceholder(String clsid) {
		return PLACEHOLDERS.contains(clsid.toUpperCase(Locale.ROOT));
	}

}
