package org.gmsaportal.directory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.ldap.LdapContext;

import org.gmsaportal.directory.ListedPrincipal.Kind;
import org.gmsaportal.directory.internal.Sids;
import org.jspecify.annotations.Nullable;

/**
 * Resolves SIDs to the principals they name, in batches (one search per batch of SIDs, the binary SIDs escaped in
 * an {@code (|(objectSid=...)...)} filter) and cached for the whole read, so a group many gMSAs trust is looked up
 * once. A SID that is not an object of the domain is a well-known principal if Windows defines it, else unresolved.
 * The same search brings each group's first range of members ({@link MemberValues}), so expanding the page's groups
 * needs no search for their {@code member} values.
 */
final class Principals {

	/**
	 * SIDs (or DNs) per search. Samba's time for an OR filter grows faster than its terms: against the 10,000-gMSA
	 * bench DC, 1,000 SIDs of one page took 0.5 s in one search, 0.32 s in four of 250 and 0.6 s in ten of 100
	 * (1,000 DNs in one: 2 s). The answer holds at most one entry per SID, so it stays within the DC's MaxPageSize
	 * (1,000) without the paging control, and the filter far below the request size limits.
	 */
	static final int BATCH = 250;

	static final String[] ATTRIBUTES = { "objectSid", "sAMAccountName", "distinguishedName", "objectClass", "cn" };

	// Principals that are not objects of a domain partition ([MS-DTYP] 2.4.2.4); the broad ones matter most here.
	private static final Map<String, String> WELL_KNOWN = Map.ofEntries(Map.entry("S-1-1-0", "Everyone"),
			Map.entry("S-1-5-11", "Authenticated Users"), Map.entry("S-1-5-7", "Anonymous Logon"),
			Map.entry("S-1-5-2", "Network"), Map.entry("S-1-5-4", "Interactive"),
			Map.entry("S-1-5-9", "Enterprise Domain Controllers"), Map.entry("S-1-5-18", "Local System"),
			Map.entry("S-1-5-32-544", "BUILTIN\\Administrators"), Map.entry("S-1-5-32-545", "BUILTIN\\Users"));

	private final String base;

	private final MemberValues members;

	private final int batch;

	private final Map<String, ListedPrincipal> bySid = new HashMap<>();

	Principals(String base, MemberValues members) {
		this(base, members, BATCH);
	}

	/** @param batch SIDs per search (tests make it small to cross batches) */
	Principals(String base, MemberValues members, int batch) {
		this.base = base;
		this.members = members;
		this.batch = batch;
	}

	/** Looks up the SIDs not yet known, in batches. */
	void resolve(LdapContext ctx, Collection<String> sids) throws NamingException {
		List<String> unknown = new ArrayList<>(new LinkedHashSet<>(sids));
		unknown.removeIf(this.bySid::containsKey);
		for (int from = 0; from < unknown.size(); from += this.batch) {
			List<String> batch = unknown.subList(from, Math.min(from + this.batch, unknown.size()));
			StringBuilder filter = new StringBuilder("(|");
			for (String sid : batch) {
				filter.append("(objectSid=").append(Ldap.filterBytes(Sids.toBytes(sid))).append(')');
			}
			for (Attributes entry : PagedSearch.bounded(ctx, this.base, filter.append(')').toString(),
					this.members.with(ATTRIBUTES))) {
				ListedPrincipal principal = of(entry);
				this.bySid.put(principal.sid(), principal);
				this.members.capture(principal, entry);
			}
			for (String sid : batch) {
				this.bySid.computeIfAbsent(sid, Principals::notInDomain);
			}
		}
	}

	/** The principal a resolved SID names ({@link #resolve} first). */
	ListedPrincipal get(String sid) {
		ListedPrincipal principal = this.bySid.get(sid);
		return (principal != null) ? principal : notInDomain(sid);
	}

	/** The principal an entry of a principal search describes. */
	static ListedPrincipal of(Attributes entry) throws NamingException {
		byte[] sid = Ldap.bytes(entry, "objectSid");
		String dn = Ldap.string(entry, "distinguishedName");
		if (sid == null) {
			throw new NamingException("no objectSid on " + dn);
		}
		String text = Sids.toString(sid);
		Kind kind = kind(Ldap.strings(entry, "objectClass"));
		String name = Ldap.optionalString(entry, "sAMAccountName");
		if (kind == Kind.WELL_KNOWN) {
			// a foreign security principal: its cn is the SID, its name the well-known one if Windows defines it
			name = WELL_KNOWN.getOrDefault(text, Ldap.optionalString(entry, "cn"));
		}
		return new ListedPrincipal(text, name, (kind == Kind.WELL_KNOWN) ? null : dn, kind);
	}

	static Kind kind(List<String> objectClasses) {
		Set<String> classes = new java.util.HashSet<>();
		objectClasses.forEach((c) -> classes.add(c.toLowerCase(Locale.ROOT)));
		if (classes.contains("msds-groupmanagedserviceaccount")) {
			return Kind.GMSA;
		}
		if (classes.contains("computer")) {
			return Kind.COMPUTER;
		}
		if (classes.contains("group")) {
			return Kind.GROUP;
		}
		if (classes.contains("foreignsecurityprincipal")) {
			return Kind.WELL_KNOWN;
		}
		return Kind.USER;
	}

	/** The relative identifier (last sub-authority) of a SID of {@code domainSid}, or {@code null}. */
	static @Nullable String rid(String sid, String domainSid) {
		String prefix = domainSid + "-";
		return (sid.startsWith(prefix) && sid.indexOf('-', prefix.length()) < 0) ? sid.substring(prefix.length())
				: null;
	}

	private static ListedPrincipal notInDomain(String sid) {
		String name = WELL_KNOWN.get(sid);
		return new ListedPrincipal(sid, name, null, (name != null) ? Kind.WELL_KNOWN : Kind.UNRESOLVED);
	}

}
