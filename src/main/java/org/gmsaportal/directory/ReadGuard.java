package org.gmsaportal.directory;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;

import org.springframework.ldap.support.LdapEncoder;

/**
 * The guard that lets a run reuse what its plan read (issue 18): one search for every name the plan looked up,
 * {@code (|(sAMAccountName=a)(sAMAccountName=b)...)}, asking only for {@code uSNChanged}. A name the plan found is
 * reused only if the DC still holds it with the same {@code uSNChanged} (any change to the object raises it); a name
 * the plan found absent only if the search still finds nothing for it. Anything made, changed or deleted since is
 * left out, and the step that checks it reads it again. {@code uSNChanged} is a DC's own counter, so the caller uses
 * this only on the DC the plan read from; the DC's answer to the search is itself a fresh read, so absence needs no
 * counter.
 * <p>
 * Why not the LDAP assertion control (RFC 4528) on each write instead: Samba 4.21 does not list it in the rootDSE's
 * supportedControl, answers unavailableCriticalExtension (12) when it is critical, and ignores it when it is not
 * (tried against the lab DC with {@code ldapmodify -e assert=...}).
 */
final class ReadGuard {

	private ReadGuard() {
	}

	/**
	 * The plan's reads of names in {@code domainNc} that the DC proves unchanged, by the same keys.
	 * @param planned by {@code <domain NC>|<sAMAccountName>}, lower case, as {@link CountingContext} keeps them
	 */
	static Map<String, KnownAccounts.Found> unchanged(DirContext ctx, String domainNc,
			Map<String, KnownAccounts.Found> planned) throws NamingException {
		String prefix = domainNc.toLowerCase(Locale.ROOT) + "|";
		Map<String, KnownAccounts.Found> inDomain = new HashMap<>();
		planned.forEach((key, found) -> {
			if (key.startsWith(prefix)) {
				inDomain.put(key.substring(prefix.length()), found);
			}
		});
		if (inDomain.isEmpty()) {
			return Map.of();
		}
		StringBuilder filter = new StringBuilder("(|");
		inDomain.keySet().forEach((name) -> filter.append("(sAMAccountName=")
			.append(LdapEncoder.filterEncode(name)).append(')'));
		List<Attributes> now = Ldap.search(ctx, domainNc, filter.append(')').toString(), SearchControls.SUBTREE_SCOPE,
				"sAMAccountName", "uSNChanged");
		Map<String, String> changed = new HashMap<>();
		for (Attributes entry : now) {
			String name = Ldap.optionalString(entry, "sAMAccountName");
			if (name != null) {
				changed.put(name.toLowerCase(Locale.ROOT), String.valueOf(Ldap.optionalString(entry, "uSNChanged")));
			}
		}
		Map<String, KnownAccounts.Found> kept = new HashMap<>();
		for (Map.Entry<String, KnownAccounts.Found> read : inDomain.entrySet()) {
			Attributes entry = read.getValue().entry();
			String usn = changed.get(read.getKey());
			boolean same = (entry == null) ? usn == null
					: usn != null && usn.equals(Ldap.optionalString(entry, "uSNChanged"));
			if (same) {
				kept.put(prefix + read.getKey(), read.getValue());
			}
		}
		return kept;
	}

}
