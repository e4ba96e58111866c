package org.gmsaportal.directory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import javax.naming.InvalidNameException;
import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.gmsaportal.directory.internal.Guids;
import org.jspecify.annotations.Nullable;

import org.springframework.ldap.support.LdapEncoder;

/**
 * Finding accounts by sAMAccountName and placing new ones, with every value escaped.
 */
final class Accounts {

	/** Written on every object the portal creates; decommission deletes nothing without it. */
	static final String MARKER = "Created by gMSA Portal";

	private Accounts() {
	}

	/** The {@code description} of an object created for {@code run}; work outside any run says so. */
	static String provenance(@Nullable RunRef run) {
		return (run != null) ? run.provenance() : "Created by gMSA Portal outside any run";
	}

	/**
	 * The account with this sAMAccountName, with {@code attributes}; on a session a run holds, asked of the DC once
	 * until the session writes ({@link CountingContext#account}).
	 */
	static @Nullable Attributes find(DirContext ctx, String domainNc, String samAccountName, String... attributes)
			throws NamingException {
		return CountingContext.account(ctx, domainNc, samAccountName, attributes,
				c -> findLive(c, domainNc, samAccountName, attributes));
	}

	static @Nullable Attributes findLive(DirContext ctx, String domainNc, String samAccountName, String... attributes)
			throws NamingException {
		List<Attributes> found = Ldap.search(ctx, domainNc,
				"(sAMAccountName=" + LdapEncoder.filterEncode(samAccountName) + ")", SearchControls.SUBTREE_SCOPE,
				attributes);
		return found.isEmpty() ? null : found.get(0);
	}

	/**
	 * The account just created at {@code dn}, read back with what a later lookup of its name asks for (and
	 * {@code more}), which the held session then answers without asking the DC again.
	 */
	static @Nullable Attributes readBack(DirContext ctx, String domainNc, String samAccountName, String dn,
			String... more) throws NamingException {
		Set<String> fetched = new LinkedHashSet<>(CountingContext.ACCOUNT_ATTRIBUTES);
		fetched.addAll(List.of(more));
		Attributes entry = Ldap.read(ctx, dn, fetched.toArray(String[]::new));
		if (entry != null) {
			CountingContext.remember(ctx, domainNc, samAccountName, entry, fetched);
		}
		return entry;
	}

	/**
	 * Whether the group at {@code groupDn} lists {@code memberDn} directly in its {@code member} attribute; answered by
	 * the held session when it read the group's members back after creating it.
	 */
	static boolean isMember(DirContext ctx, String groupDn, String memberDn) throws NamingException {
		List<String> known = CountingContext.members(ctx, groupDn);
		if (known != null) {
			return known.stream().anyMatch((dn) -> sameDn(dn, memberDn));
		}
		return !Ldap.search(ctx, groupDn, "(member=" + LdapEncoder.filterEncode(memberDn) + ")",
				SearchControls.OBJECT_SCOPE, "cn").isEmpty();
	}

	static @Nullable UUID guid(Attributes entry) throws NamingException {
		byte[] bytes = Ldap.bytes(entry, "objectGUID");
		return (bytes != null) ? Guids.toUuid(bytes) : null;
	}

	/** {@code CN=<name>,<container>}, the name escaped as an RDN value. */
	static String dn(String name, String container) {
		return "CN=" + Rdn.escapeValue(name) + "," + container;
	}

	/**
	 * The requested container, which must be a well-formed DN inside the domain, or the default one.
	 * @throws DirectoryException naming the field and the rule
	 */
	static String container(@Nullable String requested, String fallback, String domainNc) {
		if (requested == null || requested.isBlank()) {
			return fallback;
		}
		try {
			LdapName name = new LdapName(requested);
			if (!name.startsWith(new LdapName(domainNc)) || name.size() <= new LdapName(domainNc).size()) {
				throw new DirectoryException("container: must be an OU or container inside " + domainNc);
			}
			return name.toString();
		}
		catch (InvalidNameException ex) {
			throw new DirectoryException("container: not a valid distinguished name");
		}
	}

	/**
	 * What kind of account an entry is, in words, from its objectClass values (read them with the entry): a gMSA
	 * and a computer are both computers, and a computer is also a user, so the most specific class wins.
	 */
	static String kind(Attributes entry) throws NamingException {
		List<String> classes = Ldap.strings(entry, "objectClass").stream().map(c -> c.toLowerCase(Locale.ROOT))
			.toList();
		if (classes.contains("msds-groupmanagedserviceaccount")) {
			return "gMSA";
		}
		if (classes.contains("msds-managedserviceaccount")) {
			return "standalone managed service account";
		}
		if (classes.contains("computer")) {
			return "computer account";
		}
		if (classes.contains("group")) {
			return "group";
		}
		if (classes.contains("user")) {
			return "user account";
		}
		return classes.isEmpty() ? "object" : classes.get(classes.size() - 1) + " object";
	}

	static boolean sameDn(String a, String b) {
		try {
			return new LdapName(a).equals(new LdapName(b));
		}
		catch (InvalidNameException ex) {
			return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
		}
	}

}
