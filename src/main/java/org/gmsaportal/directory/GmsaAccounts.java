package org.gmsaportal.directory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.directory.BasicAttribute;
import javax.naming.directory.BasicAttributes;
import javax.naming.directory.DirContext;

import org.gmsaportal.directory.internal.AccountNames;
import org.gmsaportal.directory.internal.SecurityDescriptor;
import org.gmsaportal.directory.internal.Sids;
import org.jspecify.annotations.Nullable;

/**
 * Creates a gMSA or reports how an existing one differs (New-ADServiceAccount over LDAP).
 */
final class GmsaAccounts {

	static final String ACTION = "directory.gmsa.ensure";

	static final int WORKSTATION_TRUST_ACCOUNT = 0x1000;

	static final String[] ATTRIBUTES = { "distinguishedName", "objectGUID", "objectClass", "dNSHostName",
			"servicePrincipalName", "userAccountControl", "msDS-SupportedEncryptionTypes",
			"msDS-ManagedPasswordInterval", "msDS-GroupMSAMembership", "pwdLastSet", "adminDescription" };

	private GmsaAccounts() {
	}

	/** The request made concrete: validated name, DNS host name and the full SPN list. */
	record Plan(String name, String dnsHostName, List<String> spns, int encryptionTypes, List<String> allowedSids,
			String container) {

		String dn() {
			return Accounts.dn(this.name, this.container);
		}

	}

	static Plan plan(DirContext ctx, DomainFacts facts, GmsaRequest request) throws NamingException {
		return plan(ctx, facts, request, true);
	}

	/**
	 * @param requirePrincipals false for a preview, where the allowed group may be created by an earlier step
	 * of the same run and so does not exist yet
	 */
	static Plan plan(DirContext ctx, DomainFacts facts, GmsaRequest request, boolean requirePrincipals)
			throws NamingException {
		String name = GmsaNames.check(request.name());
		String dns = AccountNames.dnsName((request.dnsHostName() != null) ? request.dnsHostName()
				: name.toLowerCase(Locale.ROOT) + "." + facts.dnsName());
		Set<String> spns = new LinkedHashSet<>(List.of("host/" + name, "host/" + dns));
		request.extraSpns().forEach(spn -> spns.add(AccountNames.spn(spn)));
		if (request.encryptionTypes().isEmpty()) {
			throw new IllegalArgumentException("encryption types: choose at least one (AES256 recommended)");
		}
		if (request.passwordIntervalDays() < 1 || request.passwordIntervalDays() > 3650) {
			throw new IllegalArgumentException("password interval: 1 to 3650 days");
		}
		if (request.allowedPrincipals().isEmpty()) {
			throw new IllegalArgumentException("allowed principals: name at least one group or account");
		}
		List<String> sids = new ArrayList<>();
		for (String requested : request.allowedPrincipals()) {
			String principal = AccountNames.accountName("allowed principals", requested);
			Attributes entry = Accounts.find(ctx, facts.defaultNamingContext(), principal, "objectSid");
			byte[] sid = (entry != null) ? Ldap.bytes(entry, "objectSid") : null;
			if (sid == null && requirePrincipals) {
				throw new IllegalArgumentException("allowed principals: no account or group named " + principal);
			}
			if (sid != null) {
				sids.add(Sids.toString(sid));
			}
		}
		String container = Accounts.container(request.container(),
				"CN=Managed Service Accounts," + facts.defaultNamingContext(), facts.defaultNamingContext());
		return new Plan(name, dns, List.copyOf(spns), EncryptionType.mask(request.encryptionTypes()), sids,
				container);
	}

	static List<String> warnings(GmsaRequest request, boolean created) {
		List<String> warnings = new ArrayList<>();
		if (request.encryptionTypes().contains(EncryptionType.RC4_HMAC)) {
			warnings.add("RC4 is enabled on request: it is weak and disabled by default in current Windows "
					+ "releases; use it only for clients that cannot do AES.");
		}
		if (created) {
			warnings.add("The password interval (" + request.passwordIntervalDays() + " days) is fixed at creation "
					+ "and cannot be changed later.");
		}
		return warnings;
	}

	static Attributes attributes(Plan plan, int passwordIntervalDays, String description) {
		Attributes attributes = new BasicAttributes(true);
		attributes.put("objectClass", "msDS-GroupManagedServiceAccount");
		attributes.put("cn", plan.name());
		attributes.put("sAMAccountName", plan.name() + "$");
		attributes.put("dNSHostName", plan.dnsHostName());
		BasicAttribute spns = new BasicAttribute("servicePrincipalName");
		plan.spns().forEach(spns::add);
		attributes.put(spns);
		attributes.put("userAccountControl", Integer.toString(WORKSTATION_TRUST_ACCOUNT));
		attributes.put("msDS-ManagedPasswordInterval", Integer.toString(passwordIntervalDays));
		attributes.put("msDS-SupportedEncryptionTypes", Integer.toString(plan.encryptionTypes()));
		attributes.put("msDS-GroupMSAMembership",
				SecurityDescriptor.allowingRetrieval(plan.allowedSids()).toBytes());
		attributes.put("adminDescription", Accounts.MARKER);
		attributes.put("description", description);
		return attributes;
	}

	/** What the audit event records: every attribute set, none of them secret. */
	static Map<String, Object> details(Plan plan, int passwordIntervalDays) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("sAMAccountName", plan.name() + "$");
		details.put("dNSHostName", plan.dnsHostName());
		details.put("servicePrincipalName", plan.spns());
		details.put("msDS-SupportedEncryptionTypes", EncryptionType.fromMask(plan.encryptionTypes()).toString());
		details.put("msDS-ManagedPasswordInterval", passwordIntervalDays);
		details.put("msDS-GroupMSAMembership", "O:BAD:" + plan.allowedSids().stream()
			.map(sid -> "(A;;0xf01ff;;;" + sid + ")").reduce("", String::concat));
		return details;
	}

	/** Differences between an existing gMSA and the plan, each naming the attribute and both values. */
	static List<String> drift(Attributes existing, Plan plan, int passwordIntervalDays) throws NamingException {
		List<String> drift = new ArrayList<>();
		String wrongKind = wrongKind(existing, plan.name());
		if (wrongKind != null) {
			drift.add(wrongKind);
			return drift;
		}
		String dns = Ldap.optionalString(existing, "dNSHostName");
		if (dns == null || !dns.equalsIgnoreCase(plan.dnsHostName())) {
			drift.add("dNSHostName is " + dns + ", requested " + plan.dnsHostName());
		}
		Set<String> have = lower(Ldap.strings(existing, "servicePrincipalName"));
		Set<String> want = lower(plan.spns());
		if (!have.equals(want)) {
			Set<String> missing = new TreeSet<>(want);
			missing.removeAll(have);
			Set<String> extra = new TreeSet<>(have);
			extra.removeAll(want);
			drift.add("servicePrincipalName differs: missing " + missing + ", not requested " + extra);
		}
		long types = Ldap.longValue(existing, "msDS-SupportedEncryptionTypes", 0);
		if (types != plan.encryptionTypes()) {
			drift.add("msDS-SupportedEncryptionTypes is " + EncryptionType.fromMask((int) types) + ", requested "
					+ EncryptionType.fromMask(plan.encryptionTypes()));
		}
		long interval = Ldap.longValue(existing, "msDS-ManagedPasswordInterval", 30);
		if (interval != passwordIntervalDays) {
			drift.add("msDS-ManagedPasswordInterval is " + interval + " days, requested " + passwordIntervalDays
					+ " (it cannot be changed after creation)");
		}
		byte[] sd = Ldap.bytes(existing, "msDS-GroupMSAMembership");
		Set<String> retrievers = (sd != null) ? SecurityDescriptor.parse(sd).retrievers() : Set.of();
		if (!retrievers.equals(new LinkedHashSet<>(plan.allowedSids()))) {
			drift.add("msDS-GroupMSAMembership allows " + retrievers + ", requested " + plan.allowedSids());
		}
		if ((Ldap.longValue(existing, "userAccountControl", 0) & WORKSTATION_TRUST_ACCOUNT) == 0) {
			drift.add("userAccountControl lacks WORKSTATION_TRUST_ACCOUNT (0x1000)");
		}
		return drift;
	}

	/**
	 * Why an account found under the gMSA's sAMAccountName ({@code NAME$}, the same as a computer's) is not a
	 * gMSA, naming its kind and DN; {@code null} when it is one.
	 */
	static @Nullable String wrongKind(Attributes existing, String name) throws NamingException {
		String kind = Accounts.kind(existing);
		if (kind.equals("gMSA")) {
			return null;
		}
		return "the name " + name + "$ belongs to a " + kind + " (" + Ldap.string(existing, "distinguishedName")
				+ "), not a gMSA: a gMSA's account name is its name plus $, like a computer's; choose another "
				+ "gMSA name";
	}

	private static Set<String> lower(List<String> values) {
		Set<String> lowered = new TreeSet<>();
		values.forEach(v -> lowered.add(v.toLowerCase(Locale.ROOT)));
		return lowered;
	}

}
