package org.gmsaportal.api.v1;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gmsaportal.credspec.PluginPreset;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.GroupScope;
import org.gmsaportal.provisioning.Hosts;
import org.gmsaportal.provisioning.InvalidRequestException;
import org.gmsaportal.provisioning.Placement;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.provisioning.ProvisioningRequest;
import org.gmsaportal.provisioning.Target;
import org.jspecify.annotations.Nullable;

/**
 * A filing as read from the API body, with the wizard's defaults applied; the engine's request is built
 * from it once the domain (for the default DNS host name) is known.
 *
 * @param directory the directory connection name
 * @param name the gMSA name
 * @param dnsHostName the gMSA's DNS host name, or null for {@code <name>.<domain>}
 * @param spns the service principal names as sent
 * @param encryptionTypes the encryption types
 * @param group the group of hosts allowed to retrieve the password
 * @param hosts domain-joined members or a portable user with a plug-in
 * @param target a cluster or export only
 * @param ticket the ticket, or null
 * @param callbackUrl where status changes are to be posted, or null
 * @param groupScope the scope of the group if the run creates it, or null for domain-local
 * @param placement the OUs for the group, gMSA and portable user, or null for the connection's defaults
 * @param additionalAccounts further existing gMSAs the credential spec lists, as sent
 */
record Filing(String directory, String name, @Nullable String dnsHostName, List<String> spns,
		Set<EncryptionType> encryptionTypes, String group, Hosts hosts, Target target, @Nullable Ticket ticket,
		@Nullable String callbackUrl, @Nullable GroupScope groupScope, @Nullable Placement placement,
		List<String> additionalAccounts) {

	private static final Pattern INDEXED = Pattern.compile("(.+)\\[(\\d+)]");

	/**
	 * The ticket a filing belongs to.
	 *
	 * @param system the ticketing system, e.g. {@code servicenow}
	 * @param key the ticket's key, e.g. {@code RITM0012345}; becomes the runs' ticket reference
	 * @param url a link to the ticket
	 */
	record Ticket(@Nullable String system, @Nullable String key, @Nullable String url) {
	}

	/** The engine's request, with the DNS host name defaulting to {@code <name>.<domain>}. */
	ProvisioningRequest toRequest(String domain) {
		String dns = (this.dnsHostName != null) ? this.dnsHostName
				: stripDollar(this.name).toLowerCase(Locale.ROOT) + "." + domain;
		try {
			return new ProvisioningRequest(this.directory, this.name, dns, this.spns, this.encryptionTypes,
					KdsRootKeyChoice.USE_EXISTING, this.group, this.hosts, this.target,
					(this.ticket != null) ? this.ticket.key() : null, this.groupScope, this.placement,
					this.additionalAccounts);
		}
		catch (InvalidRequestException ex) {
			throw new ApiInputException(apiField(ex.field()), rule(ex, dns));
		}
	}

	/** The rule as the client reads it: a DNS host name it never sent is explained as what its name gave. */
	String rule(InvalidRequestException ex, String dns) {
		if (ex.field().equals("dnsHostName") && this.dnsHostName == null) {
			return "gives the DNS host name " + dns + ", which " + ex.rule()
					+ "; choose another name or send account.dnsHostName";
		}
		return ex.rule();
	}

	/** The API body's name for a field the engine names, e.g. {@code account.name} for {@code gmsaName}. */
	String apiField(String engineField) {
		Matcher indexed = INDEXED.matcher(engineField);
		String base = indexed.matches() ? indexed.group(1) : engineField;
		String index = indexed.matches() ? indexed.group(2) : null;
		if (index != null && base.equals("spns")) {
			// the engine sorts SPNs: point at the entry as the client sent it
			List<String> sorted = this.spns.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
			int i = Integer.parseInt(index);
			index = (i < sorted.size()) ? String.valueOf(this.spns.lastIndexOf(sorted.get(i))) : index;
		}
		String field = switch (base) {
			case "directoryConnection" -> "directory";
			case "gmsaName" -> "account.name";
			// derived from the name when the client sent none: the error is the name's
			case "dnsHostName" -> (this.dnsHostName != null) ? "account.dnsHostName" : "account.name";
			case "spns" -> "account.servicePrincipalNames";
			case "encryptionTypes" -> "account.encryptionTypes";
			case "groupName" -> "hosts.group";
			case "hosts.computerAccounts" -> "hosts.members";
			case "hosts.userName" -> "hosts.portableUser";
			// The CLSID is the filing's own only for the presets whose CLSID it sends; else its type chose it.
			case "hosts.pluginGuid" -> (this.hosts instanceof Hosts.Portable portable
					&& portable.plugin() == PluginPreset.AKS_HCI_SECRET) ? "hosts.plugin.guid" : "hosts.plugin.type";
			case "hosts.pluginInput" -> "hosts.plugin.input";
			case "hosts.delivery" -> "hosts.secretDelivery";
			case "target.credSpecName" -> "cluster.credentialSpecName";
			case "ticketRef" -> "ticket.key";
			case "additionalAccounts" -> "account.additionalAccounts";
			case "target.image" -> "docker.image";
			default -> base.startsWith("target.") ? "cluster." + base.substring("target.".length()) : base;
		};
		return (index != null) ? field + "[" + index + "]" : field;
	}

	static String stripDollar(String name) {
		return name.endsWith("$") ? name.substring(0, name.length() - 1) : name;
	}

}
