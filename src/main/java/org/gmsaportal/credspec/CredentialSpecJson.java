package org.gmsaportal.credspec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes credential specs in {@code New-CredentialSpec}'s key order and reads structurally sound ones back.
 */
final class CredentialSpecJson {

	// New-CredentialSpec writes ASCII (Out-File -Encoding ascii); escaping keeps non-ASCII names lossless instead
	// of turning them into '?'. Duplicate keys are refused because ccg.exe and the webhook may pick different ones.
	static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(JsonWriteFeature.ESCAPE_NON_ASCII)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	// The documented examples indent by four spaces and put one space after the colon.
	private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
		.withObjectNameValueSpacing(Separators.Spacing.AFTER)
		.withObjectEntrySpacing(Separators.Spacing.NONE)
		.withArrayElementSpacing(Separators.Spacing.NONE))
		.withObjectIndenter(new DefaultIndenter("    ", "\n"))
		.withArrayIndenter(new DefaultIndenter("    ", "\n"));

	private CredentialSpecJson() {
	}

	static String write(CredentialSpec spec) {
		return MAPPER.writer().with(PRETTY).writeValueAsString(toTree(spec));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> toMap(CredentialSpec spec) {
		return MAPPER.convertValue(toTree(spec), Map.class);
	}

	static ObjectNode toTree(CredentialSpec spec) {
		ObjectNode root = MAPPER.createObjectNode();
		ArrayNode plugins = root.putArray("CmsPlugins");
		spec.cmsPlugins().forEach(plugins::add);
		DomainJoinConfig domain = spec.domainJoinConfig();
		root.putObject("DomainJoinConfig")
			.put("Sid", domain.sid())
			.put("MachineAccountName", domain.machineAccountName())
			.put("Guid", domain.guid())
			.put("DnsTreeName", domain.dnsTreeName())
			.put("DnsName", domain.dnsName())
			.put("NetBiosName", domain.netBiosName());
		ObjectNode ad = root.putObject("ActiveDirectoryConfig");
		ArrayNode accounts = ad.putArray("GroupManagedServiceAccounts");
		for (GroupManagedServiceAccount account : spec.activeDirectoryConfig().groupManagedServiceAccounts()) {
			accounts.addObject().put("Name", account.name()).put("Scope", account.scope());
		}
		spec.activeDirectoryConfig()
			.hostAccount()
			.ifPresent((host) -> ad.putObject("HostAccountConfig")
				.put("PortableCcgVersion", host.portableCcgVersion())
				.put("PluginGUID", host.pluginGuid())
				.put("PluginInput", host.pluginInput()));
		return root;
	}

	/**
	 * Parses JSON text into a tree; a {@code GMSACredentialSpec} resource is unwrapped to its {@code credspec}.
	 */
	static JsonNode parse(String json) {
		JsonNode root;
		try {
			root = MAPPER.readTree(json);
		}
		catch (JacksonException ex) {
			// Only the position: the parser's message quotes input, and a custom PluginInput may hold a password.
			throw new InvalidCredentialSpecInputException("$", "must be valid JSON; it is not, at line "
					+ ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr());
		}
		if (root == null || root.isMissingNode() || !root.isObject()) {
			throw new InvalidCredentialSpecInputException("$", "must be a JSON object");
		}
		JsonNode wrapped = root.get("credspec");
		return (wrapped != null && wrapped.isObject() && !root.has("CmsPlugins")) ? wrapped : root;
	}

	static CredentialSpec read(String json) {
		JsonNode root = parse(json);
		List<String> plugins = new ArrayList<>();
		for (JsonNode plugin : array(root, "CmsPlugins", "CmsPlugins")) {
			plugins.add(string(plugin, "CmsPlugins[]"));
		}
		JsonNode domain = object(root, "DomainJoinConfig", "DomainJoinConfig");
		DomainJoinConfig domainJoinConfig = new DomainJoinConfig(field(domain, "Sid", "DomainJoinConfig"),
				field(domain, "MachineAccountName", "DomainJoinConfig"), field(domain, "Guid", "DomainJoinConfig"),
				field(domain, "DnsTreeName", "DomainJoinConfig"), field(domain, "DnsName", "DomainJoinConfig"),
				field(domain, "NetBiosName", "DomainJoinConfig"));
		JsonNode ad = object(root, "ActiveDirectoryConfig", "ActiveDirectoryConfig");
		List<GroupManagedServiceAccount> accounts = new ArrayList<>();
		String accountsPath = "ActiveDirectoryConfig.GroupManagedServiceAccounts";
		int index = 0;
		for (JsonNode account : array(ad, "GroupManagedServiceAccounts", accountsPath)) {
			String path = accountsPath + "[" + index++ + "]";
			if (!account.isObject()) {
				throw new InvalidCredentialSpecInputException(path, "must be an object with Name and Scope");
			}
			accounts.add(new GroupManagedServiceAccount(field(account, "Name", path), field(account, "Scope", path)));
		}
		HostAccountConfig host = null;
		if (ad.has("HostAccountConfig")) {
			String path = "ActiveDirectoryConfig.HostAccountConfig";
			JsonNode node = object(ad, "HostAccountConfig", path);
			host = new HostAccountConfig(field(node, "PortableCcgVersion", path), field(node, "PluginGUID", path),
					field(node, "PluginInput", path));
		}
		return new CredentialSpec(plugins, domainJoinConfig, new ActiveDirectoryConfig(accounts, host));
	}

	private static JsonNode object(JsonNode parent, String name, String path) {
		JsonNode node = parent.get(name);
		if (node == null || !node.isObject()) {
			throw new InvalidCredentialSpecInputException(path, "must be present and a JSON object");
		}
		return node;
	}

	private static JsonNode array(JsonNode parent, String name, String path) {
		JsonNode node = parent.get(name);
		if (node == null || !node.isArray()) {
			throw new InvalidCredentialSpecInputException(path, "must be present and a JSON array");
		}
		return node;
	}

	private static String field(JsonNode parent, String name, String parentPath) {
		JsonNode node = parent.get(name);
		if (node == null) {
			throw new InvalidCredentialSpecInputException(parentPath + "." + name, "must be present");
		}
		return string(node, parentPath + "." + name);
	}

	private static String string(JsonNode node, String path) {
		if (!node.isString()) {
			throw new InvalidCredentialSpecInputException(path, "must be a JSON string, not " + node.getNodeType());
		}
		return node.stringValue();
	}

}
