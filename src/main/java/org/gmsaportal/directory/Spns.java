package org.gmsaportal.directory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;

import org.springframework.ldap.support.LdapEncoder;

/**
 * Who already holds an SPN, including the HOST alias rule (sPNMappings) the DC enforces.
 */
final class Spns {

	private Spns() {
	}

	/**
	 * An SPN held by another object: {@code requested} collides with {@code held} on {@code holder}, either
	 * exactly or through the HOST alias mapping (sPNMappings).
	 */
	record Conflict(String requested, String held, String holder) {

		/**
		 * Whether the DC refuses the SPN: an exact duplicate (Windows since 2012 R2, forest-wide; Samba), or
		 * {@code HOST/x} while a mapped alias such as {@code HTTP/x} is elsewhere (Samba: constraintViolation).
		 * The reverse, {@code HTTP/x} while {@code HOST/x} is elsewhere, is a warning: Samba accepts it when the
		 * caller may write the holder, and Windows' rule differs between spec revisions.
		 */
		boolean blocking() {
			return this.requested.equalsIgnoreCase(this.held) || serviceClass(this.requested).equals("host");
		}

		String message() {
			if (this.requested.equalsIgnoreCase(this.held)) {
				return "SPN " + this.requested + " is already registered on " + this.holder
						+ ": remove it there (setspn -D) or choose another name";
			}
			if (blocking()) {
				return "SPN " + this.requested + " cannot be registered: " + this.holder + " holds " + this.held
						+ ", which the DC treats as the same service through the HOST alias mapping (sPNMappings), "
						+ "so it refuses " + this.requested + ": remove " + this.held + " there (setspn -D) or "
						+ "choose another name";
			}
			return "SPN " + this.requested + " may take over a service of another computer: " + this.holder
					+ " holds " + this.held + ", which also stands for " + this.requested + " through the HOST alias "
					+ "mapping (sPNMappings). The domain controller accepts " + this.requested + " on the gMSA only "
					+ "if the portal's account may write " + this.holder + ". If it does, Kerberos clients asking for "
					+ this.requested + " get a ticket for the gMSA instead of " + this.holder
					+ ", so they can no longer authenticate to that computer's service. Continue only if the "
					+ "service moves to the gMSA";
		}

	}

	/** The conflicts the DC refuses; the others are {@linkplain #warnings warnings}. */
	static List<Conflict> blocking(List<Conflict> conflicts) {
		return conflicts.stream().filter(Conflict::blocking).toList();
	}

	/** What the admin must read about conflicts that do not block: one message per conflict. */
	static List<String> warnings(List<Conflict> conflicts) {
		return conflicts.stream().filter(c -> !c.blocking()).map(Conflict::message).toList();
	}

	/** The messages of the blocking conflicts, joined for one refusal. */
	static String refusal(List<Conflict> conflicts) {
		return String.join("; ", blocking(conflicts).stream().map(Conflict::message).toList());
	}

	/** Conflicts of {@code spns} with objects other than {@code ownDn} in the domain naming context. */
	static List<Conflict> conflicts(DirContext ctx, DomainFacts facts, List<String> spns, String ownDn)
			throws NamingException {
		if (spns.isEmpty()) {
			return List.of();
		}
		Set<String> hostAliases = CountingContext.stable(ctx, "hostAliases",
				c -> hostAliases(c, facts.configurationNamingContext()));
		// One search for every variant of every SPN (issue 18: one search for the names a step checks).
		StringBuilder filter = new StringBuilder("(|");
		for (String spn : spns) {
			variants(spn, hostAliases).forEach(
					v -> filter.append("(servicePrincipalName=").append(LdapEncoder.filterEncode(v)).append(')'));
		}
		List<Attributes> holders = Ldap.search(ctx, facts.defaultNamingContext(), filter.append(')').toString(),
				SearchControls.SUBTREE_SCOPE, "distinguishedName", "servicePrincipalName");
		List<Conflict> conflicts = new ArrayList<>();
		for (String spn : spns) {
			Set<String> variants = variants(spn, hostAliases);
			for (Attributes holder : holders) {
				String dn = Ldap.string(holder, "distinguishedName");
				// An exact duplicate on the holder matters more than an alias it also holds.
				List<String> held = Ldap.strings(holder, "servicePrincipalName").stream()
					.filter(h -> variants.stream().anyMatch(h::equalsIgnoreCase))
					.toList();
				if (!held.isEmpty() && !Accounts.sameDn(dn, ownDn)) {
					conflicts.add(new Conflict(spn, held.stream().filter(spn::equalsIgnoreCase).findFirst()
						.orElse(held.get(0)), dn));
				}
			}
		}
		return conflicts;
	}

	// HOST/x also stands for the mapped service classes on x, and they for it.
	static Set<String> variants(String spn, Set<String> hostAliases) {
		Set<String> variants = new LinkedHashSet<>();
		variants.add(spn);
		String serviceClass = serviceClass(spn);
		String rest = spn.substring(spn.indexOf('/') + 1);
		if (serviceClass.equals("host")) {
			hostAliases.forEach(alias -> variants.add(alias + "/" + rest));
		}
		else if (hostAliases.contains(serviceClass)) {
			variants.add("host/" + rest);
		}
		return variants;
	}

	private static String serviceClass(String spn) {
		return spn.substring(0, Math.max(spn.indexOf('/'), 0)).toLowerCase(Locale.ROOT);
	}

	private static Set<String> hostAliases(DirContext ctx, String configNc) throws NamingException {
		Set<String> aliases = new LinkedHashSet<>();
		Attributes ds = Ldap.read(ctx, "CN=Directory Service,CN=Windows NT,CN=Services," + configNc, "sPNMappings");
		if (ds != null) {
			for (String mapping : Ldap.strings(ds, "sPNMappings")) {
				int eq = mapping.indexOf('=');
				if (eq > 0 && mapping.substring(0, eq).equalsIgnoreCase("host")) {
					for (String alias : mapping.substring(eq + 1).split(",")) {
						aliases.add(alias.strip().toLowerCase(Locale.ROOT));
					}
				}
			}
		}
		return aliases;
	}

}
