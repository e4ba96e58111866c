package org.gmsaportal.credspec;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Checks {@code HostAccountConfig}: the version, the plug-in CLSID, and that the input is a string in the form
 * its plug-in reads. Never repeats {@code PluginInput}, since custom plug-ins may carry a password in it.
 */
final class HostAccountCheck {

	private static final String PATH = "ActiveDirectoryConfig.HostAccountConfig.";

	private HostAccountCheck() {
	}

	static void check(JsonNode root, Findings findings) {
		JsonNode ad = root.get("ActiveDirectoryConfig");
		JsonNode host = (ad != null) ? ad.get("HostAccountConfig") : null;
		if (host == null || !host.isObject()) {
			return;
		}
		JsonNode version = host.get("PortableCcgVersion");
		if (version != null && !(version.isString() && HostAccountConfig.PORTABLE_CCG_VERSION.equals(version.stringValue()))) {
			findings.error(FindingCode.PORTABLE_CCG_VERSION, PATH + "PortableCcgVersion",
					"is " + (version.isString() ? "\"" + version.stringValue() + "\"" : version.getNodeType() + " " + version)
							+ ", but ccg.exe accepts only the string \"1\"",
					"Set PortableCcgVersion to \"1\" (a string, in quotes).");
		}
		Optional<KnownPlugin> plugin = pluginGuid(StructureCheck.text(host, "PluginGUID"), findings);
		JsonNode input = host.get("PluginInput");
		if (input == null) {
			return;
		}
		if (!input.isString()) {
			findings.error(FindingCode.PLUGIN_INPUT_NOT_STRING, PATH + "PluginInput",
					"is a JSON " + input.getNodeType() + "; the GMSACredentialSpec schema and ccg.exe take a string",
					"Serialize it into a string" + (plugin.orElse(null) == KnownPlugin.AWS
							? ", e.g. \"{\\\"credentialArn\\\":\\\"arn:aws:secretsmanager:...\\\"}\"" : "") + ".");
			return;
		}
		if (input.stringValue().isBlank()) {
			findings.error(FindingCode.PLUGIN_INPUT_INVALID, PATH + "PluginInput", "is empty",
					"Give the input your plug-in expects.");
			return;
		}
		plugin.ifPresent((known) -> {
			try {
				HostAccountPreset.from(new HostAccountConfig("1", known.clsid(), input.stringValue()));
			}
			catch (InvalidCredentialSpecInputException ex) {
				// rule() never carries the input itself, only what it must look like.
				findings.error(FindingCode.PLUGIN_INPUT_INVALID, PATH + "PluginInput",
						"is not what the " + known.displayName() + " reads: " + ex.field() + " " + ex.rule(),
						"Write PluginInput as the " + known.displayName() + " expects: " + expected(known) + ".");
			}
		});
	}

	private static Optional<KnownPlugin> pluginGuid(@Nullable String guid, Findings findings) {
		String field = PATH + "PluginGUID";
		if (guid == null) {
			return Optional.empty();
		}
		if (!InputRules.isClsid(guid)) {
			String fix = InputRules.isGuid(guid)
					? "Wrap it in braces, {" + guid + "}; ccg.exe does not call a plug-in named without them."
					: "Use the plug-in's CLSID, e.g. " + KnownPlugin.AZURE_KEY_VAULT.clsid() + " for Azure Key Vault.";
			findings.error(FindingCode.PLUGIN_GUID_NOT_CLSID, field,
					"\"" + guid + "\" is not a CLSID (32 hex digits 8-4-4-4-12 in braces)"
							+ (guid.matches("(?i).*[g-z].*") ? "; it looks like the placeholder from Microsoft's docs" : ""),
					fix);
			return Optional.empty();
		}
		if (KnownPlugin.isDocumentationPlaceholder(guid)) {
			findings.error(FindingCode.PLUGIN_GUID_PLACEHOLDER, field, guid + " is an example from Microsoft's docs",
					"Use the CLSID of the plug-in installed on your Windows nodes.");
			return Optional.empty();
		}
		Optional<KnownPlugin> known = KnownPlugin.byGuid(guid);
		if (known.isEmpty()) {
			findings.warning(FindingCode.PLUGIN_GUID_UNKNOWN, field,
					guid + " is not a plug-in the portal knows (Azure Key Vault, AWS, Rancher Kubernetes Secret)",
					"Make sure this plug-in is registered under HKLM\\SYSTEM\\CurrentControlSet\\Control\\CCG\\COMClasses on every Windows node.");
		}
		return known;
	}

	private static String expected(KnownPlugin plugin) {
		return switch (plugin) {
			case AZURE_KEY_VAULT -> "ObjectId=<managed identity object id>;SecretUri=https://<vault>.vault.azure.net/secrets/<name>";
			case AWS -> "{\"credentialArn\":\"<Secrets Manager or SSM ARN>\"} as a string";
			case KUBERNETES_SECRET -> "<namespace>:<secret name>";
		};
	}

}
