package org.gmsaportal.directory;

import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;

import org.jspecify.annotations.Nullable;

/**
 * The accounts a held session found by name ({@link CountingContext}), by {@code <domain NC>|<sAMAccountName>} in
 * lower case, and what a write makes it forget: the entry the write names, and for an add the name it takes.
 */
final class KnownAccounts {

	private final Map<String, Found> byName = new HashMap<>();

	static String key(String domainNc, String samAccountName) {
		return domainNc.toLowerCase(Locale.ROOT) + "|" + samAccountName.toLowerCase(Locale.ROOT);
	}

	@Nullable Found get(String key) {
		return this.byName.get(key);
	}

	void put(String key, Found found) {
		this.byName.put(key, found);
	}

	void putIfAbsent(String key, Found found) {
		this.byName.putIfAbsent(key, found);
	}

	void clear() {
		this.byName.clear();
	}

	Map<String, Found> snapshot() {
		return Map.copyOf(this.byName);
	}

	/**
	 * The {@code member} values of the group at {@code groupDn} if they are known complete (the session read the group
	 * back after creating it, and wrote nothing to it since); {@code null} when the DC must be asked.
	 */
	@Nullable List<String> members(String groupDn) throws NamingException {
		for (Found found : this.byName.values()) {
			Attributes entry = found.entry();
			if (entry != null && found.fetched().contains("member") && isDn(entry, groupDn)
					&& !ranged(entry, "member")) {
				return Ldap.strings(entry, "member");
			}
		}
		return null;
	}

	private static boolean isDn(Attributes entry, String dn) throws NamingException {
		String own = Ldap.optionalString(entry, "distinguishedName");
		return own != null && Accounts.sameDn(own, dn);
	}

	// A large attribute comes in ranges (member;range=0-1499): such a value list is not complete.
	private static boolean ranged(Attributes entry, String name) {
		Enumeration<String> ids = entry.getIDs();
		while (ids.hasMoreElements()) {
			if (ids.nextElement().toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ";range=")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Forgets what a write may have changed: the entry it names, and for an add the name it takes. An add without
	 * a sAMAccountName forgets every name known to be absent; any other kind of write forgets every account.
	 */
	void forget(String method, @Nullable Object[] args) throws NamingException {
		Object target = (args != null && args.length > 0) ? args[0] : null;
		if (target == null || !(method.equals("createSubcontext") || method.equals("modifyAttributes")
				|| method.equals("destroySubcontext"))) {
			this.byName.clear();
			return;
		}
		String dn = target.toString();
		Attribute sam = (method.equals("createSubcontext") && args.length > 1 && args[1] instanceof Attributes a)
				? a.get("sAMAccountName") : null;
		String taken = (sam != null && sam.get() != null) ? "|" + sam.get().toString().toLowerCase(Locale.ROOT) : null;
		boolean adds = method.equals("createSubcontext");
		Iterator<Map.Entry<String, Found>> known = this.byName.entrySet().iterator();
		while (known.hasNext()) {
			Map.Entry<String, Found> account = known.next();
			Attributes entry = account.getValue().entry();
			// A deleted object also leaves the member lists of its groups.
			boolean members = method.equals("destroySubcontext") && account.getValue().fetched().contains("member");
			boolean stale = (entry != null) ? isDn(entry, dn) || members
					: adds && (taken == null || account.getKey().endsWith(taken));
			if (stale) {
				known.remove();
			}
		}
	}

	/** An account as a held session read it ({@code null}: none has the name), with the attributes it asked for. */
	record Found(@Nullable Attributes entry, Set<String> fetched) {
	}

}
