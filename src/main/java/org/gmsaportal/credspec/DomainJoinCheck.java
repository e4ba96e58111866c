package org.gmsaportal.credspec;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Checks the formats inside {@code DomainJoinConfig} and that the gMSA list names the machine account under both
 * of its domain's scopes.
 */
final class DomainJoinCheck {

	private static final String DJ = "DomainJoinConfig.";

	private static final String GMSAS = "ActiveDirectoryConfig.GroupManagedServiceAccounts";

	private DomainJoinCheck() {
	}

	static void check(JsonNode root, Findings findings) {
		JsonNode domain = root.get("DomainJoinConfig");
		sid(StructureCheck.text(domain, "Sid"), findings);
		guid(StructureCheck.text(domain, "Guid"), findings);
		for (String key : new String[] { "DnsName", "DnsTreeName" }) {
			String value = StructureCheck.text(domain, key);
			if (value != null && !InputRules.isDnsName(value)) {
				findings.error(FindingCode.DOMAIN_NAME_FORMAT, DJ + key, "\"" + value + "\" is not a DNS name",
						"Use the DNS name of the " + (key.equals("DnsName") ? "domain" : "forest root domain")
								+ ", e.g. contoso.com, without a trailing dot.");
			}
		}
		String netBios = StructureCheck.text(domain, "NetBiosName");
		if (netBios != null && !InputRules.isNetBiosName(netBios)) {
			findings.error(FindingCode.DOMAIN_NAME_FORMAT, DJ + "NetBiosName", "\"" + netBios
					+ "\" is not a NetBIOS domain name (1 to 15 characters, no periods, spaces or \\ / : * ? \" < > |)",
					"Use the domain's NetBIOS name, e.g. CONTOSO, as shown by the crossRef's nETBIOSName.");
		}
		String machine = StructureCheck.text(domain, "MachineAccountName");
		if (machine != null) {
			accountName(machine, DJ + "MachineAccountName", findings);
		}
		accounts(root, machine, StructureCheck.text(domain, "DnsName"), netBios, findings);
	}

	private static void sid(@Nullable String sid, Findings findings) {
		if (sid == null || InputRules.isDomainSid(sid)) {
			return;
		}
		String domainSid = InputRules.domainSidOfAccountSid(sid).orElse(null);
		if (domainSid != null) {
			findings.error(FindingCode.SID_NOT_DOMAIN_SID, DJ + "Sid",
					sid + " is an account SID (it ends in a RID), probably the gMSA's; Sid must be the domain's SID",
					"Set Sid to the domain SID " + domainSid + " (the account SID without its last part).");
		}
		else {
			findings.error(FindingCode.SID_NOT_DOMAIN_SID, DJ + "Sid",
					"\"" + sid + "\" is not a domain SID of the form S-1-5-21-<n>-<n>-<n>",
					"Set Sid to the objectSid of the domain head object (Get-ADDomain's DomainSID).");
		}
	}

	private static void guid(@Nullable String guid, Findings findings) {
		if (guid == null || InputRules.isGuid(guid) && !guid.matches("[0-]+")) {
			return;
		}
		if (guid.startsWith("{") && guid.endsWith("}") && InputRules.isGuid(guid.substring(1, guid.length() - 1))) {
			findings.warning(FindingCode.GUID_FORMAT, DJ + "Guid", "is written in braces",
					"Write it without braces, " + guid.substring(1, guid.length() - 1) + ", as New-CredentialSpec does.");
			return;
		}
		findings.error(FindingCode.GUID_FORMAT, DJ + "Guid",
				"\"" + guid + "\" is not a GUID of 32 hex digits in the form 8-4-4-4-12 (or is all zeros)",
				"Set Guid to the objectGUID of the domain head object (Get-ADDomain's ObjectGUID).");
	}

	private static void accountName(String name, String field, Findings findings) {
		if (name.endsWith("$")) {
			findings.error(FindingCode.ACCOUNT_NAME_FORMAT, field, "\"" + name + "\" ends in $",
					"Drop the trailing $: credspecs name the gMSA as New-CredentialSpec does, without it.");
		}
		else if (!InputRules.isAccountName(name, InputRules.MAX_GMSA_NAME_LENGTH)) {
			findings.error(FindingCode.ACCOUNT_NAME_FORMAT, field, "\"" + name
					+ "\" is not a gMSA name (1 to 15 characters, no spaces or \" / \\ [ ] : ; | = , + * ? < > @)",
					"Use the gMSA's sAMAccountName without the trailing $.");
		}
	}

	private static void accounts(JsonNode root, @Nullable String machine, @Nullable String dnsName,
			@Nullable String netBios, Findings findings) {
		JsonNode ad = root.get("ActiveDirectoryConfig");
		JsonNode list = (ad != null) ? ad.get("GroupManagedServiceAccounts") : null;
		if (list == null || !list.isArray()) {
			return;
		}
		Set<String> seen = new HashSet<>();
		boolean named = false;
		boolean dnsScope = false;
		boolean netBiosScope = false;
		for (int i = 0; i < list.size(); i++) {
			String name = StructureCheck.text(list.get(i), "Name");
			String scope = StructureCheck.text(list.get(i), "Scope");
			if (name == null || scope == null) {
				continue;
			}
			String path = GMSAS + "[" + i + "]";
			accountName(name, path + ".Name", findings);
			if (!InputRules.isDnsName(scope) && !InputRules.isNetBiosName(scope)) {
				findings.error(FindingCode.DOMAIN_NAME_FORMAT, path + ".Scope",
						"\"" + scope + "\" is neither a DNS nor a NetBIOS domain name",
						"Use the gMSA's domain DNS name (or, for the primary account, its NetBIOS name).");
			}
			if (!seen.add((name + "@" + scope).toLowerCase(Locale.ROOT))) {
				findings.warning(FindingCode.DUPLICATE_ACCOUNT, path, name + " with scope " + scope + " is listed twice",
						"Remove the duplicate entry.");
			}
			if (machine != null && InputRules.sameName(name, machine)) {
				named = true;
				dnsScope |= dnsName != null && InputRules.sameName(scope, dnsName);
				netBiosScope |= netBios != null && InputRules.sameName(scope, netBios);
			}
		}
		if (machine == null) {
			return;
		}
		if (!named) {
			findings.error(FindingCode.MACHINE_ACCOUNT_NOT_IN_GMSAS, DJ + "MachineAccountName",
					machine + " is not among the GroupManagedServiceAccounts names",
					"List " + machine + " in GroupManagedServiceAccounts (under the DNS and the NetBIOS scope), or set MachineAccountName to the gMSA listed there.");
			return;
		}
		if (dnsName != null && !dnsScope) {
			findings.error(FindingCode.MISSING_DNS_SCOPE, GMSAS, machine + " has no entry with Scope " + dnsName,
					"Add {\"Name\": \"" + machine + "\", \"Scope\": \"" + dnsName
							+ "\"} first; Kerberos needs the DNS scope, NetBIOS alone has caused NTLM fallback.");
		}
		if (netBios != null && !netBiosScope) {
			findings.error(FindingCode.MISSING_NETBIOS_SCOPE, GMSAS, machine + " has no entry with Scope " + netBios,
					"Add {\"Name\": \"" + machine + "\", \"Scope\": \"" + netBios
							+ "\"} after the DNS-scoped entry, as New-CredentialSpec writes it.");
		}
	}

}
