package org.gmsaportal.directory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.ldap.LdapContext;

import org.gmsaportal.directory.ListedPrincipal.Kind;
import org.gmsaportal.directory.internal.FileTimes;
import org.gmsaportal.directory.internal.Guids;
import org.gmsaportal.directory.internal.SecurityDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * Turns one page of gMSA entries into {@link ListedGmsa}s: decodes each {@code msDS-GroupMSAMembership}, resolves
 * the page's SIDs in batches, expands the groups among them, and takes away what deny ACEs deny. What cannot be
 * read goes into the entry's {@code incomplete} list, never silently away.
 */
final class GmsaEntries {

	/** Only what a {@link ListedGmsa} shows. */
	static final String[] ATTRIBUTES = { "sAMAccountName", "distinguishedName", "objectGUID", "servicePrincipalName",
			"msDS-SupportedEncryptionTypes", "msDS-ManagedPasswordInterval", "pwdLastSet", "whenCreated",
			"whenChanged", "description", "msDS-GroupMSAMembership" };

	private final Principals principals;

	private final GroupExpansion groups;

	GmsaEntries(Principals principals, GroupExpansion groups) {
		this.principals = principals;
		this.groups = groups;
	}

	/** The page's gMSAs, in the page's order. */
	List<ListedGmsa> page(LdapContext ctx, List<Attributes> page) throws NamingException {
		List<Acl> acls = new ArrayList<>(page.size());
		Set<String> sids = new LinkedHashSet<>();
		for (Attributes entry : page) {
			Acl acl = Acl.of(entry);
			acls.add(acl);
			sids.addAll(acl.allowed());
			sids.addAll(acl.denied());
		}
		String resolution = null;
		try {
			this.principals.resolve(ctx, sids);
		}
		catch (NamingException ex) {
			resolution = "the principals could not be looked up: " + Ldap.diagnostic(ex);
		}
		this.groups.load(ctx, sids.stream().map(this.principals::get).toList());
		List<ListedGmsa> listed = new ArrayList<>(page.size());
		for (int i = 0; i < page.size(); i++) {
			listed.add(entry(page.get(i), acls.get(i), resolution));
		}
		return listed;
	}

	private ListedGmsa entry(Attributes entry, Acl acl, @Nullable String resolution) throws NamingException {
		List<String> incomplete = new ArrayList<>(acl.problems());
		if (resolution != null) {
			incomplete.add(resolution);
		}
		List<ListedPrincipal> allowed = new ArrayList<>();
		Map<String, ListedPrincipal> retrievers = new LinkedHashMap<>();
		for (String sid : acl.allowed()) {
			ListedPrincipal principal = this.principals.get(sid);
			allowed.add(principal);
			expand(principal, incomplete).forEach((p) -> retrievers.putIfAbsent(p.sid(), p));
		}
		for (String sid : acl.denied()) {
			// a deny ACE wins over an allow, also for the members of a denied group
			expand(this.principals.get(sid), incomplete).forEach((p) -> retrievers.remove(p.sid()));
		}
		List<ListedPrincipal> sorted = new ArrayList<>(retrievers.values());
		sorted.sort(Comparator.comparing(ListedPrincipal::kind)
			.thenComparing((p) -> String.valueOf(p.name()), String.CASE_INSENSITIVE_ORDER));
		String types = Ldap.optionalString(entry, "msDS-SupportedEncryptionTypes");
		Integer mask = (types != null) ? Integer.valueOf(types) : null;
		String interval = Ldap.optionalString(entry, "msDS-ManagedPasswordInterval");
		byte[] guid = Ldap.bytes(entry, "objectGUID");
		return new ListedGmsa(Ldap.string(entry, "sAMAccountName"), Ldap.string(entry, "distinguishedName"),
				(guid != null) ? Guids.toUuid(guid).toString() : "", Ldap.strings(entry, "servicePrincipalName"),
				(mask != null) ? EncryptionType.fromMask(mask) : Set.of(),
				(interval != null) ? Integer.valueOf(interval) : null, fileTime(entry, "pwdLastSet"),
				time(entry, "whenCreated"), time(entry, "whenChanged"), Ldap.optionalString(entry, "description"),
				allowed, sorted, incomplete, mask);
	}

	private List<ListedPrincipal> expand(ListedPrincipal principal, List<String> incomplete) {
		if (principal.kind() == Kind.UNRESOLVED) {
			incomplete.add("SID " + principal.sid() + " does not resolve to an account (deleted, or of another "
					+ "domain); who it stood for is unknown");
			return List.of();
		}
		if (principal.kind() != Kind.GROUP) {
			// users, computers, gMSAs; Everyone and Authenticated Users stand for every account themselves
			return List.of(principal);
		}
		GroupExpansion.Closure closure = this.groups.closure(principal);
		closure.failures().stream().filter((f) -> !incomplete.contains(f)).forEach(incomplete::add);
		return closure.accounts();
	}

	private static @Nullable Instant fileTime(Attributes entry, String name) throws NamingException {
		String value = Ldap.optionalString(entry, name);
		// 0 means "must change at next logon" / never set; huge values mean "never"
		if (value == null || value.equals("0") || value.equals(Long.toString(Long.MAX_VALUE))) {
			return null;
		}
		return FileTimes.toInstant(Long.parseLong(value));
	}

	private static Instant time(Attributes entry, String name) throws NamingException {
		return DomainFacts.parseGeneralizedTime(Ldap.string(entry, name));
	}

	/**
	 * The SIDs a descriptor allows to read the managed password, those it denies, and why it could not be read.
	 */
	record Acl(List<String> allowed, List<String> denied, List<String> problems) {

		static Acl of(Attributes entry) throws NamingException {
			byte[] bytes = Ldap.bytes(entry, "msDS-GroupMSAMembership");
			if (bytes == null) {
				return new Acl(List.of(), List.of(), List.of());
			}
			SecurityDescriptor sd;
			try {
				sd = SecurityDescriptor.parse(bytes);
			}
			catch (RuntimeException ex) {
				return new Acl(List.of(), List.of(), List.of("msDS-GroupMSAMembership cannot be parsed ("
						+ ex.getMessage() + "); who may retrieve the password is unknown"));
			}
			List<String> allowed = new ArrayList<>(sd.retrievers());
			List<String> denied = new ArrayList<>();
			List<String> problems = new ArrayList<>();
			for (SecurityDescriptor.Ace ace : (sd.dacl() != null) ? sd.dacl() : List.<SecurityDescriptor.Ace>of()) {
				boolean reads = (ace.mask() & SecurityDescriptor.READ_PROPERTY) != 0;
				if (ace.sid() == null) {
					problems.add("msDS-GroupMSAMembership has an ACE of type " + ace.type() + " the inventory does "
							+ "not evaluate (an object ACE); it may allow or deny more than shown");
				}
				else if (ace.type() == 1 && reads && !denied.contains(ace.sid())) {
					denied.add(ace.sid());
				}
			}
			return new Acl(allowed, denied, problems);
		}

	}

}
