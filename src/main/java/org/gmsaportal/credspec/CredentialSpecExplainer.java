package org.gmsaportal.credspec;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Describes in plain words what a credential spec does; shows plug-in input only for plug-ins known not to
 * carry secrets in it.
 */
public class CredentialSpecExplainer {

	public Explanation explain(CredentialSpec spec) {
		DomainJoinConfig domain = spec.domainJoinConfig();
		String account = domain.machineAccountName();
		HostAccountConfig host = spec.activeDirectoryConfig().hostAccountConfig();
		String mode = (host == null) ? "on domain-joined Windows nodes"
				: "on Windows nodes that are not domain-joined, through the " + pluginName(host);
		String summary = "Containers run as gMSA " + account + " of domain " + domain.dnsName() + " ("
				+ domain.netBiosName() + ") " + mode + ".";
		List<String> details = new ArrayList<>();
		details.add("Processes running as Local System or Network Service in the container authenticate on the network as "
				+ domain.netBiosName() + "\\" + account + "$; the container's name on the network is " + account + ".");
		details.add("Domain " + domain.dnsName() + " (NetBIOS " + domain.netBiosName() + ") in the forest rooted at "
				+ domain.dnsTreeName() + ", domain SID " + domain.sid() + ", domain GUID " + domain.guid() + ".");
		List<GroupManagedServiceAccount> additional = spec.activeDirectoryConfig()
			.groupManagedServiceAccounts()
			.stream()
			.filter((entry) -> !InputRules.sameName(entry.name(), account))
			.toList();
		details.add(additional.isEmpty() ? "No additional gMSAs are available inside the container."
				: "Services inside the container may also run as " + additional.stream()
					.map((entry) -> entry.name() + " (" + entry.scope() + ")")
					.collect(Collectors.joining(", ")) + ".");
		details.add((host == null) ? domainJoined(account) : nonDomainJoined(host, account));
		return new Explanation(summary, details);
	}

	private static String domainJoined(String account) {
		return "Each Windows node retrieves the gMSA password with its own computer account, so the nodes must be "
				+ "domain-joined and allowed to retrieve " + account
				+ "'s password (directly or through a group); no plug-in or secret store is involved.";
	}

	private static String nonDomainJoined(HostAccountConfig host, String account) {
		String how;
		try {
			how = HostAccountPreset.from(host).describe();
		}
		catch (InvalidCredentialSpecInputException ex) {
			how = "ccg.exe loads plug-in " + host.pluginGuid() + ", but its input is not valid for that plug-in ("
					+ ex.field() + " " + ex.rule() + "); run the validator for details.";
		}
		return "ccg.exe on the node loads plug-in " + host.pluginGuid() + " (PortableCcgVersion "
				+ host.portableCcgVersion() + "). " + how + " That portable user must be allowed to retrieve "
				+ account + "'s password.";
	}

	private static String pluginName(HostAccountConfig host) {
		return KnownPlugin.byGuid(host.pluginGuid()).map(KnownPlugin::displayName).orElse("custom plug-in " + host.pluginGuid());
	}

}
