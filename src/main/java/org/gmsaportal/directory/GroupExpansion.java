package org.gmsaportal.directory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.naming.NamingException;
import javax.naming.SizeLimitExceededException;
import javax.naming.directory.Attributes;
import javax.naming.ldap.LdapContext;

import org.gmsaportal.directory.ListedPrincipal.Kind;
import org.springframework.ldap.support.LdapEncoder;

/**
 * Expands groups to the accounts that are in them, nested groups included, for the whole read: each group's direct
 * members are read once, level by level and in batches of up to {@link Principals#BATCH} groups, and each group's
 * closure is kept once computed.
 * <p>
 * A group's {@code member} values come with the search that found the group ({@link MemberValues}: the first range,
 * {@code member;range=0-1499}, and the further ranges read for a larger group, as AD hands out at most MaxValRange
 * values at a time); a group met otherwise is read by DN, {@code (|(distinguishedName=G1)...)}. A level then takes
 * two searches, each answered from an index on AD and on Samba: the members not met yet by DN (with their own first
 * range of members, so the next level's groups need no search for them either); and the accounts whose
 * {@code primaryGroupID} is one of the level's groups: every user is in Domain Users (513) and every computer in
 * Domain Computers (515) by its primary group only, never through {@code member}, so without it those two groups
 * would look nearly empty. (A search on the back link, {@code (memberOf=G)}, would do it in one, but Samba keeps no
 * index on {@code memberOf}: each such search reads the whole domain.) A cycle (G1 in G2 in G3 in G1) is cut by
 * visiting each group once.
 */
final class GroupExpansion {

	private static final String[] PRIMARY_ATTRIBUTES = { "objectSid", "sAMAccountName", "distinguishedName",
			"objectClass", "cn", "primaryGroupID" };

	private final String base;

	private final String domainSid;

	private final MemberValues members;

	private final int batch;

	// by lower-case DN: the group's direct members, or why they could not be read
	private final Map<String, List<ListedPrincipal>> direct = new HashMap<>();

	private final Map<String, String> failures = new HashMap<>();

	private final Map<String, Closure> closures = new HashMap<>();

	// every principal met as a member, by lower-case DN
	private final Map<String, ListedPrincipal> byDn = new HashMap<>();

	GroupExpansion(String base, String domainSid, MemberValues members) {
		this(base, domainSid, members, Principals.BATCH);
	}

	/** @param batch groups (and member DNs) per search (tests make it small to cross batches) */
	GroupExpansion(String base, String domainSid, MemberValues members, int batch) {
		this.base = base;
		this.domainSid = domainSid;
		this.members = members;
		this.batch = batch;
	}

	/**
	 * The accounts a group's members end up being, and what could not be read on the way.
	 *
	 * @param accounts users, computers, gMSAs and well-known principals (not expandable) by SID, in the order met
	 * @param failures why a nested group's members are missing, one line per group
	 */
	record Closure(List<ListedPrincipal> accounts, List<String> failures) {
	}

	/** Reads the direct members of these groups and of every group nested in them not read yet. */
	void load(LdapContext ctx, Collection<ListedPrincipal> groups) {
		Deque<ListedPrincipal> pending = new ArrayDeque<>();
		Set<String> queued = new LinkedHashSet<>();
		for (ListedPrincipal group : groups) {
			if (group.kind() == Kind.GROUP && group.distinguishedName() != null && !known(group)
					&& queued.add(key(group))) {
				pending.add(group);
			}
		}
		while (!pending.isEmpty()) {
			List<ListedPrincipal> batch = new ArrayList<>();
			while (!pending.isEmpty() && batch.size() < this.batch) {
				batch.add(pending.poll());
			}
			for (ListedPrincipal member : readBatch(ctx, batch)) {
				if (member.kind() == Kind.GROUP && !known(member) && queued.add(key(member))) {
					pending.add(member);
				}
			}
		}
	}

	/** The closure of one group ({@link #load} first); cached. */
	Closure closure(ListedPrincipal group) {
		return this.closures.computeIfAbsent(key(group), (k) -> walk(group));
	}

	private Closure walk(ListedPrincipal root) {
		Map<String, ListedPrincipal> accounts = new LinkedHashMap<>();
		List<String> failed = new ArrayList<>();
		Set<String> visited = new LinkedHashSet<>();
		Deque<ListedPrincipal> stack = new ArrayDeque<>();
		stack.push(root);
		while (!stack.isEmpty()) {
			ListedPrincipal group = stack.pop();
			if (!visited.add(key(group))) {
				continue;
			}
			String failure = this.failures.get(key(group));
			if (failure != null) {
				failed.add("members of " + group.name() + " could not be read: " + failure);
			}
			for (ListedPrincipal member : this.direct.getOrDefault(key(group), List.of())) {
				if (member.kind() == Kind.GROUP) {
					stack.push(member);
				}
				else {
					accounts.putIfAbsent(member.sid(), member);
				}
			}
		}
		return new Closure(List.copyOf(accounts.values()), List.copyOf(failed));
	}

	private List<ListedPrincipal> readBatch(LdapContext ctx, List<ListedPrincipal> batch) {
		Map<String, String> byRid = new HashMap<>();
		for (ListedPrincipal group : batch) {
			this.direct.put(key(group), new ArrayList<>());
			String rid = Principals.rid(group.sid(), this.domainSid);
			if (rid != null) {
				byRid.put(rid, key(group));
			}
		}
		List<ListedPrincipal> found = new ArrayList<>();
		try {
			Map<String, List<String>> members = members(ctx, batch);
			resolve(ctx, members.values().stream().flatMap(List::stream).toList());
			members.forEach((group, dns) -> {
				for (String dn : dns) {
					ListedPrincipal member = this.byDn.get(lower(dn));
					if (member != null) {
						this.direct.get(group).add(member);
						found.add(member);
					}
					else {
						this.failures.merge(group, "member " + dn + " is not an object of this domain",
								(a, b) -> a + "; " + b);
					}
				}
			});
			if (!byRid.isEmpty()) {
				found.addAll(primaryMembers(ctx, byRid));
			}
		}
		catch (NamingException ex) {
			String reason = Ldap.diagnostic(ex);
			batch.forEach((group) -> this.failures.put(key(group), reason));
		}
		return found;
	}

	/**
	 * The {@code member} DNs of each group of the batch, by group key, every range read: from what the search that
	 * found the group brought, else from one search by DN for the groups met otherwise.
	 */
	private Map<String, List<String>> members(LdapContext ctx, List<ListedPrincipal> batch) throws NamingException {
		Map<String, List<String>> members = new LinkedHashMap<>();
		List<String> unread = new ArrayList<>();
		for (ListedPrincipal group : batch) {
			String dn = String.valueOf(group.distinguishedName());
			if (this.members.has(dn)) {
				members.put(key(group), this.members.take(ctx, dn));
			}
			else {
				unread.add(dn);
			}
		}
		if (!unread.isEmpty()) {
			for (Attributes entry : PagedSearch.bounded(ctx, this.base, anyDn(unread), "distinguishedName",
					this.members.firstRange())) {
				String dn = Ldap.string(entry, "distinguishedName");
				members.put(lower(dn), this.members.all(ctx, dn, MemberValues.ranged(entry)));
			}
		}
		return members;
	}

	/** Looks up the member DNs not met yet, in batches by DN. */
	private void resolve(LdapContext ctx, List<String> dns) throws NamingException {
		List<String> unknown = dns.stream().filter((dn) -> !this.byDn.containsKey(lower(dn))).distinct().toList();
		for (int from = 0; from < unknown.size(); from += this.batch) {
			for (Attributes entry : PagedSearch.bounded(ctx, this.base,
					anyDn(unknown.subList(from, Math.min(from + this.batch, unknown.size()))),
					this.members.with(Principals.ATTRIBUTES))) {
				ListedPrincipal principal = Principals.of(entry);
				this.byDn.put(lower(String.valueOf(principal.distinguishedName())), principal);
				this.members.capture(principal, entry);
			}
		}
	}

	private List<ListedPrincipal> primaryMembers(LdapContext ctx, Map<String, String> byRid) throws NamingException {
		StringBuilder filter = new StringBuilder("(|");
		byRid.keySet().forEach((rid) -> filter.append("(primaryGroupID=").append(rid).append(')'));
		List<ListedPrincipal> found = new ArrayList<>();
		// Domain Users and Domain Computers are every account's primary group: only their answer needs pages
		boolean everyone = byRid.containsKey("513") || byRid.containsKey("515");
		String query = filter.append(')').toString();
		List<Attributes> entries;
		try {
			entries = everyone ? PagedSearch.all(ctx, this.base, query, PRIMARY_ATTRIBUTES)
					: PagedSearch.bounded(ctx, this.base, query, PRIMARY_ATTRIBUTES);
		}
		catch (SizeLimitExceededException ex) {
			// another group that is the primary group of more accounts than AD answers without paging (MaxPageSize)
			entries = PagedSearch.all(ctx, this.base, query, PRIMARY_ATTRIBUTES);
		}
		for (Attributes entry : entries) {
			ListedPrincipal member = Principals.of(entry);
			this.direct.get(byRid.get(Ldap.string(entry, "primaryGroupID"))).add(member);
			found.add(member);
		}
		return found;
	}

	private static String anyDn(List<String> dns) {
		StringBuilder filter = new StringBuilder("(|");
		dns.forEach((dn) -> filter.append("(distinguishedName=").append(LdapEncoder.filterEncode(dn)).append(')'));
		return filter.append(')').toString();
	}

	private boolean known(ListedPrincipal group) {
		return this.direct.containsKey(key(group));
	}

	private static String key(ListedPrincipal group) {
		return lower(String.valueOf(group.distinguishedName()));
	}

	private static String lower(String dn) {
		return dn.toLowerCase(Locale.ROOT);
	}

}
