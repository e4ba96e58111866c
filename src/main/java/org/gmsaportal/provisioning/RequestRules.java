package org.gmsaportal.provisioning;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.gmsaportal.credspec.AksHciSecretPlugin;
import org.gmsaportal.credspec.HostAccountPreset;
import org.gmsaportal.credspec.InvalidCredentialSpecInputException;
import org.gmsaportal.credspec.KubernetesSecretPlugin;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.GmsaNames;
import org.jspecify.annotations.Nullable;

/**
 * The rules a provisioning request must keep; each failure names the field and the rule. Public only for the
 * gMSA name's rule, which the wizard's form checks as the engine does.
 */
public final class RequestRules {

	/** A gMSA name's characters, for a form's pattern; the length is {@link #GMSA_NAME_MAX_LENGTH}. */
	public static final String GMSA_NAME_PATTERN = GmsaNames.PATTERN;

	/** The longest gMSA name, without the {@code $}. */
	public static final int GMSA_NAME_MAX_LENGTH = GmsaNames.MAX_LENGTH;

	// Stricter than Active Directory on purpose: these names also end up in DNS, Kubernetes and PowerShell.
	private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

	// Group names are only ever an LDAP value and a quoted PowerShell argument, so they may hold spaces, as AD
	// admins name groups ("WebApp Hosts"); not leading or trailing ones, which AD would keep and people not see.
	private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9 _.-]*[A-Za-z0-9_-])?");

	static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

	private static final Pattern DNS_NAME = Pattern.compile("(?=.{1,253}$)" + DNS_LABEL + "(\\." + DNS_LABEL + ")*");

	private static final Pattern SERVICE_CLASS = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,63}");

	private static final Pattern CONNECTION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

	private static final Pattern TICKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:#/-]{0,127}");

	// AD's limit for a DN is larger; an OU path longer than this is a typing accident.
	private static final int MAX_DN = 512;

	private static final String ACCOUNT_RULE = "letters, digits, '-', '_' or '.', starting with a letter or digit and not ending in '.'";

	private RequestRules() {
	}

	/**
	 * The gMSA name without {@code $}, by the directory's own rule ({@link GmsaNames}): a name the door accepts is
	 * one the directory accepts, so a client's naming mistake is answered as one and never as an outage.
	 */
	static String gmsaName(String value) {
		String name = value.endsWith("$") ? value.substring(0, value.length() - 1) : value;
		String problem = GmsaNames.problem(name);
		if (problem != null) {
			throw new InvalidRequestException("gmsaName", problem);
		}
		return name;
	}

	/**
	 * Further gMSAs for the credential spec, each by the gMSA name rule, once, and not the request's own gMSA.
	 * @return the names without {@code $}, in the order given
	 */
	static List<String> additionalAccounts(List<String> names, String gmsaName) {
		String own = gmsaName.endsWith("$") ? gmsaName.substring(0, gmsaName.length() - 1) : gmsaName;
		Set<String> seen = new HashSet<>(Set.of(own.toLowerCase(Locale.ROOT)));
		List<String> checked = new java.util.ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			String field = "additionalAccounts[" + i + "]";
			String value = names.get(i);
			String name = value.endsWith("$") ? value.substring(0, value.length() - 1) : value;
			String problem = GmsaNames.problem(name);
			if (problem != null) {
				throw new InvalidRequestException(field, problem);
			}
			if (!seen.add(name.toLowerCase(Locale.ROOT))) {
				throw new InvalidRequestException(field, "is the request's gMSA or listed twice: list each further "
						+ "gMSA once");
			}
			checked.add(name);
		}
		return List.copyOf(checked);
	}

	static void check(String connection, String gmsaName, String dnsHostName, List<String> spns,
			Set<EncryptionType> encryptionTypes, String groupName, Hosts hosts, Target target,
			@Nullable String ticketRef) {
		connection("directoryConnection", connection);
		dnsName("dnsHostName", dnsHostName);
		if (!dnsHostName.contains(".")) {
			throw new InvalidRequestException("dnsHostName", "must be fully qualified, e.g. webapp01.contoso.com");
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < spns.size(); i++) {
			spn("spns[" + i + "]", spns.get(i));
			if (!seen.add(spns.get(i).toLowerCase(Locale.ROOT))) {
				throw new InvalidRequestException("spns[" + i + "]", "is listed twice: list each SPN once");
			}
		}
		if (encryptionTypes.isEmpty()) {
			throw new InvalidRequestException("encryptionTypes", "must name at least one encryption type");
		}
		if (groupName.isEmpty() || groupName.length() > 64 || !GROUP.matcher(groupName).matches()) {
			throw new InvalidRequestException("groupName", "must be 1 to 64 letters, digits, spaces, '-', '_' or '.', "
					+ "starting with a letter or digit and ending with a letter, digit, '-' or '_'");
		}
		if (hosts instanceof Hosts.DomainJoined joined) {
			computers(joined.computerAccounts());
		}
		else if (hosts instanceof Hosts.Portable portable) {
			portable(portable, target);
		}
		TargetRules.check(target);
		if (ticketRef != null) {
			matches("ticketRef", ticketRef, TICKET, "1-128 letters, digits and . _ : # / -");
		}
	}

	/** Each OU must be a distinguished name; whether it exists is the plan's check against the directory. */
	static void placement(@Nullable Placement placement) {
		if (placement == null) {
			return;
		}
		ou("placement.groupOu", placement.groupOu());
		ou("placement.gmsaOu", placement.gmsaOu());
		ou("placement.userOu", placement.userOu());
	}

	private static void ou(String field, @Nullable String dn) {
		if (dn == null) {
			return;
		}
		String rule = "must be the distinguished name of an OU or container, "
				+ "e.g. OU=Service Accounts,DC=contoso,DC=com";
		if (dn.length() > MAX_DN || dn.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidRequestException(field,
					rule + " (at most " + MAX_DN + " characters, no control characters)");
		}
		try {
			javax.naming.ldap.LdapName name = new javax.naming.ldap.LdapName(dn);
			// LdapName accepts an empty RDN (a trailing or doubled comma), which no directory object has.
			if (name.getRdns().stream().anyMatch(r -> r.size() == 0)) {
				throw new InvalidRequestException(field, rule + "; \"" + dn + "\" has an empty part between commas");
			}
			boolean inDomain = name.getRdns().stream().anyMatch(r -> r.getType().equalsIgnoreCase("DC"));
			String first = name.isEmpty() ? "" : name.getRdn(name.size() - 1).getType();
			if (!inDomain || !(first.equalsIgnoreCase("OU") || first.equalsIgnoreCase("CN"))) {
				throw new InvalidRequestException(field, rule);
			}
		}
		catch (javax.naming.InvalidNameException ex) {
			throw new InvalidRequestException(field, rule + "; \"" + dn + "\" is not one");
		}
	}

	private static void computers(List<String> accounts) {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < accounts.size(); i++) {
			String field = "hosts.computerAccounts[" + i + "]";
			String value = accounts.get(i);
			if (!value.endsWith("$")) {
				throw new InvalidRequestException(field, "must be a computer account's sAMAccountName ending in '$', e.g. NODE1$");
			}
			account(field, value.substring(0, value.length() - 1), 15, " followed by '$'");
			if (!seen.add(value.toLowerCase(Locale.ROOT))) {
				throw new InvalidRequestException(field, "is listed twice: list each computer once");
			}
		}
	}

	private static void portable(Hosts.Portable portable, Target target) {
		account("hosts.userName", portable.userName(), 20, "");
		HostAccountPreset preset;
		try {
			preset = portable.preset();
		}
		catch (InvalidCredentialSpecInputException ex) {
			throw new InvalidRequestException("hosts." + (ex.field().equals("PluginGUID") ? "pluginGuid" : "pluginInput"),
					ex.rule());
		}
		if (preset instanceof org.gmsaportal.credspec.CustomPlugin) {
			// A custom plug-in's input may itself be a secret, and runs persist their request.
			throw new InvalidRequestException("hosts.pluginGuid",
					"must be a known plug-in (Azure Key Vault, AWS, Kubernetes secret); custom plug-ins are not supported in runs");
		}
		@Nullable String secretNamespace = (preset instanceof KubernetesSecretPlugin k8s) ? k8s.namespace()
				: (preset instanceof AksHciSecretPlugin hci) ? hci.namespace() : null;
		if (secretNamespace != null && target instanceof Target.DockerHosts) {
			throw new InvalidRequestException("hosts.pluginGuid", "the Kubernetes secret plug-in reads from a cluster; "
					+ "Docker hosts take the Azure Key Vault or AWS plug-in");
		}
		// Applied or exported, the identity Secret goes to the workload's namespace: the plug-in must read there.
		if (secretNamespace != null && !secretNamespace.equals(target.namespace())) {
			throw new InvalidRequestException("hosts.pluginInput", "the Kubernetes secret plug-in must read from namespace "
					+ target.namespace() + ", where the " + ((target instanceof Target.Cluster) ? "portal writes"
							: "bundle puts") + " the Secret");
		}
		if (secretNamespace != null && portable.secretDelivery() == SecretDelivery.STORE
				&& !(target instanceof Target.Cluster)) {
			throw new InvalidRequestException("hosts.secretDelivery", "the portal writes a Kubernetes Secret only to a "
					+ "cluster it applies to: choose a cluster target, or manual delivery for an export");
		}
	}

	private static void spn(String field, String value) {
		String[] parts = value.split("/", -1);
		if (parts.length < 2 || parts.length > 3 || !SERVICE_CLASS.matcher(parts[0]).matches()) {
			throw new InvalidRequestException(field, "must be service/host[:port][/name], e.g. HTTP/web01.contoso.com");
		}
		String host = parts[1];
		int colon = host.indexOf(':');
		if (colon >= 0) {
			String port = host.substring(colon + 1);
			if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
				throw new InvalidRequestException(field, "has a port that is not a number from 1 to 65535");
			}
			host = host.substring(0, colon);
		}
		if (!DNS_NAME.matcher(host.toLowerCase(Locale.ROOT)).matches()) {
			throw new InvalidRequestException(field, "must name a host as a DNS name after the service class");
		}
		if (parts.length == 3 && !DNS_NAME.matcher(parts[2].toLowerCase(Locale.ROOT)).matches()) {
			throw new InvalidRequestException(field, "must have a service name of DNS characters after the host");
		}
	}

	private static void account(String field, String value, int max, String suffix) {
		if (value.isEmpty() || value.length() > max || !ACCOUNT.matcher(value).matches() || value.endsWith(".")) {
			throw new InvalidRequestException(field, "must be 1 to " + max + " " + ACCOUNT_RULE + suffix);
		}
	}

	static void connection(String field, String value) {
		matches(field, value, CONNECTION, "a connection name: 1-64 letters, digits, '-', '_' or '.'");
	}

	static void dnsName(String field, String value) {
		matches(field, value, DNS_NAME, "a DNS name: lower-case letters, digits, inner '-' and '.' between labels");
	}

	static void matches(String field, String value, Pattern pattern, String rule) {
		if (!pattern.matcher(value).matches()) {
			throw new InvalidRequestException(field, "must be " + rule);
		}
	}

}
