package org.gmsaportal.credspec;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Checks that the sections and fields of a credspec exist, have the JSON type the CRD schema requires, and that
 * no unknown or misplaced keys are present.
 */
final class StructureCheck {

	private static final String AD = "ActiveDirectoryConfig";

	private static final String DJ = "DomainJoinConfig";

	private static final String HOST = "HostAccountConfig";

	private static final String GMSAS = "GroupManagedServiceAccounts";

	static final List<String> ROOT_KEYS = List.of("CmsPlugins", DJ, AD);

	static final List<String> DOMAIN_JOIN_KEYS = List.of("Sid", "MachineAccountName", "Guid", "DnsTreeName",
			"DnsName", "NetBiosName");

	private static final Map<String, List<String>> KEYS = Map.of("$", ROOT_KEYS, DJ, DOMAIN_JOIN_KEYS, AD,
			List.of(GMSAS, HOST), AD + "." + HOST, List.of("PortableCcgVersion", "PluginGUID", "PluginInput"));

	private StructureCheck() {
	}

	static void check(JsonNode root, Findings findings) {
		unknownKeys(root, "$", findings);
		JsonNode plugins = section(root, "CmsPlugins", "CmsPlugins", true, findings);
		if (plugins != null && !(plugins.size() == 1 && plugins.get(0).isString()
				&& CredentialSpec.ACTIVE_DIRECTORY.equals(plugins.get(0).stringValue()))) {
			findings.error(FindingCode.CMS_PLUGINS, "CmsPlugins", "must be [\"ActiveDirectory\"]",
					"Set CmsPlugins to [\"ActiveDirectory\"], the only plug-in credential specs use.");
		}
		JsonNode domain = section(root, DJ, DJ, false, findings);
		if (domain != null) {
			unknownKeys(domain, DJ, findings);
			for (String key : DOMAIN_JOIN_KEYS) {
				stringField(domain, key, DJ, findings);
			}
		}
		JsonNode ad = section(root, AD, AD, false, findings);
		if (ad != null) {
			unknownKeys(ad, AD, findings);
			JsonNode accounts = section(ad, GMSAS, AD + "." + GMSAS, true, findings);
			for (int i = 0; accounts != null && i < accounts.size(); i++) {
				String path = AD + "." + GMSAS + "[" + i + "]";
				if (!accounts.get(i).isObject()) {
					findings.error(FindingCode.WRONG_TYPE, path, "must be an object with Name and Scope",
							"Write each account as {\"Name\": \"<gMSA>\", \"Scope\": \"<domain>\"}.");
					continue;
				}
				stringField(accounts.get(i), "Name", path, findings);
				stringField(accounts.get(i), "Scope", path, findings);
			}
			if (accounts != null && accounts.isEmpty()) {
				findings.error(FindingCode.MISSING_SECTION, AD + "." + GMSAS, "is empty",
						"List the primary gMSA twice, under the domain's DNS name and under its NetBIOS name.");
			}
			hostAccountConfig(ad, findings);
		}
		for (JsonNode misplaced : new JsonNode[] { root.get(HOST), (domain != null) ? domain.get(HOST) : null }) {
			if (misplaced != null) {
				findings.error(FindingCode.HOST_ACCOUNT_CONFIG_MISPLACED, (misplaced == root.get(HOST)) ? HOST
						: DJ + "." + HOST, "is outside ActiveDirectoryConfig, where ccg.exe never looks for it",
						"Move HostAccountConfig into ActiveDirectoryConfig, next to GroupManagedServiceAccounts.");
			}
		}
	}

	private static void hostAccountConfig(JsonNode ad, Findings findings) {
		String path = AD + "." + HOST;
		if (!ad.has(HOST)) {
			return;
		}
		JsonNode host = section(ad, HOST, path, false, findings);
		if (host == null) {
			return;
		}
		unknownKeys(host, path, findings);
		for (String key : List.of("PortableCcgVersion", "PluginGUID", "PluginInput")) {
			if (!host.has(key)) {
				findings.error(FindingCode.MISSING_SECTION, path + "." + key, "is missing",
						"Add " + key + "; HostAccountConfig needs PortableCcgVersion, PluginGUID and PluginInput.");
			}
		}
		JsonNode guid = host.get("PluginGUID");
		if (guid != null && !guid.isString()) {
			findings.error(FindingCode.WRONG_TYPE, path + ".PluginGUID", "must be a string, not " + guid.getNodeType(),
					"Write the CLSID as a string in braces, e.g. \"{CCC2A336-D7F3-4818-A213-272B7924213E}\".");
		}
		// PortableCcgVersion and PluginInput types have findings of their own in HostAccountCheck.
	}

	private static @Nullable JsonNode section(JsonNode parent, String key, String path, boolean array,
			Findings findings) {
		JsonNode node = parent.get(key);
		if (node == null || node.isNull()) {
			findings.error(FindingCode.MISSING_SECTION, path, "is missing",
					"Add " + path + "; New-CredentialSpec always writes it.");
			return null;
		}
		if (array ? !node.isArray() : !node.isObject()) {
			findings.error(FindingCode.WRONG_TYPE, path,
					"must be a JSON " + (array ? "array" : "object") + ", not " + node.getNodeType(),
					"Write " + path + " as a JSON " + (array ? "array" : "object") + ".");
			return null;
		}
		return node;
	}

	private static void stringField(JsonNode parent, String key, String parentPath, Findings findings) {
		String path = parentPath + "." + key;
		JsonNode node = parent.get(key);
		if (node == null) {
			findings.error(FindingCode.MISSING_SECTION, path, "is missing", "Add " + path + ".");
		}
		else if (!node.isString()) {
			findings.error(FindingCode.WRONG_TYPE, path, "must be a string, not " + node.getNodeType(),
					"Write " + path + " as a JSON string; the GMSACredentialSpec schema declares every field a string.");
		}
		else if (node.stringValue().isBlank()) {
			findings.error(FindingCode.MISSING_SECTION, path, "is empty", "Fill in " + path + ".");
		}
	}

	private static void unknownKeys(JsonNode node, String path, Findings findings) {
		List<String> allowed = KEYS.get(path);
		if (allowed == null || !node.isObject()) {
			return;
		}
		for (String key : node.propertyNames()) {
			if (allowed.contains(key) || key.equals(HOST)) {
				continue;
			}
			String near = allowed.stream()
				.filter((known) -> known.toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT)))
				.findFirst()
				.orElse(null);
			String field = path.equals("$") ? key : path + "." + key;
			findings.warning(FindingCode.UNKNOWN_KEY, field,
					"is not a credential spec key; the Kubernetes API server drops it from a GMSACredentialSpec",
					(near != null) ? "Rename it to " + near + " (keys are case-sensitive)." : "Remove it.");
		}
	}

	/** The string value of a field, or {@code null} when it is absent or not a string (reported above). */
	static @Nullable String text(@Nullable JsonNode parent, String key) {
		JsonNode node = (parent != null) ? parent.get(key) : null;
		return (node != null && node.isString() && !node.stringValue().isBlank()) ? node.stringValue() : null;
	}

}
