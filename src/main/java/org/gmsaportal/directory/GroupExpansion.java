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
import javax.naming.directory.Attributes;
import javax.naming.ldap.LdapContext;

import org.gmsaportal.directory.ListedPrincipal.Kind;
import org.springframework.ldap.support.LdapEncoder;

/**
 * Expands groups to the accounts that are in them, nested groups included, for the whole read: each group's direct
 * members are read once, level by level and in batches, and each group's closure is kept once computed.
 * <p>
 * Direct members come from one search per batch of groups, {@code (|(memberOf=G1)...(primaryGroupID=RID1)...)}:
 * {@code memberOf} is the DC's back link of {@code member} (no ranged retrieval of big groups needed), and
 * {@code primaryGroupID} adds the members AD does not list in {@code member} at all: every user is in Domain Users
 * (513) and every computer in Domain Computers (515) by its primary group only, so without it those two groups
 * would look nearly empty. A cycle (G1 in G2 in G3 in G1) is cut by visiting each group once.
 */
final class GroupExpansion {

	/** Groups per member search. */
	static final int BATCH = 100;

	private static final String[] ATTRIBUTES = { "objectSid", "sAMAccountName", "distinguishedName", "objectClass",
			"cn", "memberOf", "primaryGroupID" };

	private final String base;

	private final String domainSid;

	// by lower-case DN: the group's direct members, or why they could not be read
	private final Map<String, List<ListedPrincipal>> direct = new HashMap<>();

	private final Map<String, String> failures = new HashMap<>();

	private final Map<String, Closure> closures = new HashMap<>();

	GroupExpansion(String base, String domainSid) {
		this.base = base;
		this.domainSid = domainSid;
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
			while (!pending.isEmpty() && batch.size() < BATCH) {
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
		Map<String, ListedPrincipal> byDn = new HashMap<>();
		Map<String, String> byRid = new HashMap<>();
		StringBuilder filter = new StringBuilder("(|");
		for (ListedPrincipal group : batch) {
			byDn.put(key(group), group);
			this.direct.put(key(group), new ArrayList<>());
			filter.append("(memberOf=").append(LdapEncoder.filterEncode(group.distinguishedName())).append(')');
			String rid = Principals.rid(group.sid(), this.domainSid);
			if (rid != null) {
				byRid.put(rid, key(group));
				filter.append("(primaryGroupID=").append(rid).append(')');
			}
		}
		List<ListedPrincipal> found = new ArrayList<>();
		try {
			for (Attributes entry : PagedSearch.all(ctx, this.base, filter.append(')').toString(), ATTRIBUTES)) {
				ListedPrincipal member = Principals.of(entry);
				found.add(member);
				for (String memberOf : Ldap.strings(entry, "memberOf")) {
					add(lower(memberOf), member, byDn);
				}
				String primary = Ldap.optionalString(entry, "primaryGroupID");
				if (primary != null && byRid.containsKey(primary)) {
					add(byRid.get(primary), member, byDn);
				}
			}
		}
		catch (NamingException ex) {
			String reason = Ldap.diagnostic(ex);
			batch.forEach((group) -> this.failures.put(key(group), reason));
		}
		return found;
	}

	private void add(String groupKey, ListedPrincipal member, Map<String, ListedPrincipal> batch) {
		if (batch.containsKey(groupKey)) {
			this.direct.get(groupKey).add(member);
		}
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
