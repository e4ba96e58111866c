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

	/** An SPN held by another object: {@code requested} collides with {@code held} on {@code holder}. */
	record Conflict(String requested, String held, String holder) {

		String message() {
			String alias = this.requested.equalsIgnoreCase(this.held) ? "" : " (as " + this.held
					+ ", which the DC treats as the same service through the HOST alias mapping)";
			return "SPN " + this.requested + " is already registered on " + this.holder + alias
					+ ": remove it there (setspn -D) or choose another name";
		}

	}

	/** Conflicts of {@code spns} with objects other than {@code ownDn} in the domain naming context. */
	static List<Conflict> conflicts(DirContext ctx, DomainFacts facts, List<String> spns, String ownDn)
			throws NamingException {
		Set<String> hostAliases = hostAliases(ctx, facts.configurationNamingContext());
		List<Conflict> conflicts = new ArrayList<>();
		for (String spn : spns) {
			Set<String> variants = variants(spn, hostAliases);
			StringBuilder filter = new StringBuilder("(|");
			variants.forEach(v -> filter.append("(servicePrincipalName=").append(LdapEncoder.filterEncode(v)).append(')'));
			for (Attributes holder : Ldap.search(ctx, facts.defaultNamingContext(), filter.append(')').toString(),
					SearchControls.SUBTREE_SCOPE, "distinguishedName", "servicePrincipalName")) {
				String dn = Ldap.string(holder, "distinguishedName");
				if (!Accounts.sameDn(dn, ownDn)) {
					String held = Ldap.strings(holder, "servicePrincipalName").stream()
						.filter(h -> variants.stream().anyMatch(h::equalsIgnoreCase))
						.findFirst()
						.orElse(spn);
					conflicts.add(new Conflict(spn, held, dn));
				}
			}
		}
		return conflicts;
	}

	// HOST/x also stands for the mapped service classes on x, and they for it.
	static Set<String> variants(String spn, Set<String> hostAliases) {
		Set<String> variants = new LinkedHashSet<>();
		variants.add(spn);
		int slash = spn.indexOf('/');
		String serviceClass = spn.substring(0, slash).toLowerCase(Locale.ROOT);
		String rest = spn.substring(slash + 1);
		if (serviceClass.equals("host")) {
			hostAliases.forEach(alias -> variants.add(alias + "/" + rest));
		}
		else if (hostAliases.contains(serviceClass)) {
			variants.add("host/" + rest);
		}
		return variants;
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
