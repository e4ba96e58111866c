package org.gmsaportal.directory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.ldap.LdapContext;
import javax.naming.ldap.LdapName;

import org.jspecify.annotations.Nullable;

/**
 * The {@code member} values of the groups met in the inventory's principal searches. Each such search also asks for
 * the first range of {@code member} ({@code member;range=0-1499}), so a group's members arrive with the group itself
 * and need no search of their own; the further ranges of a large group (AD hands out at most MaxValRange values at a
 * time) are read when the group is expanded.
 */
final class MemberValues {

	/** {@code member} values per request: AD's MaxValRange is 1,500 (or more) values. */
	static final int RANGE = 1500;

	private final int range;

	// by lower-case DN: the first range as the search brought it (absent for a group without members)
	private final Map<String, Capture> captured = new HashMap<>();

	MemberValues() {
		this(RANGE);
	}

	/** @param range {@code member} values asked for per request (tests make it small to walk the ranges) */
	MemberValues(int range) {
		this.range = range;
	}

	private record Capture(String dn, @Nullable Attribute first) {
	}

	/** The attribute to add to a principal search: the first range of {@code member}. */
	String firstRange() {
		return "member;range=0-" + (this.range - 1);
	}

	/** The attributes of a principal search, with the first range of {@code member}. */
	String[] with(String... attributes) {
		String[] all = java.util.Arrays.copyOf(attributes, attributes.length + 1);
		all[attributes.length] = firstRange();
		return all;
	}

	/** Keeps the first range of a group entry's members (an entry of another kind has none, and is ignored). */
	void capture(ListedPrincipal principal, Attributes entry) throws NamingException {
		if (principal.kind() == ListedPrincipal.Kind.GROUP && principal.distinguishedName() != null) {
			String dn = principal.distinguishedName();
			this.captured.put(lower(dn), new Capture(dn, ranged(entry)));
		}
	}

	/** Whether a principal search brought this group's first range. */
	boolean has(String dn) {
		return this.captured.containsKey(lower(dn));
	}

	/**
	 * Every {@code member} DN of a group whose first range was captured, the further ranges read now; forgotten once
	 * taken (the expansion keeps the members).
	 */
	List<String> take(LdapContext ctx, String dn) throws NamingException {
		Capture capture = this.captured.remove(lower(dn));
		return (capture != null) ? all(ctx, capture.dn(), capture.first()) : List.of();
	}

	/** Every value of a ranged {@code member} attribute, starting with the range an entry carried. */
	List<String> all(LdapContext ctx, String dn, @Nullable Attribute first) throws NamingException {
		List<String> values = new ArrayList<>();
		Attribute ranged = first;
		while (ranged != null) {
			for (int i = 0; i < ranged.size(); i++) {
				values.add(String.valueOf(ranged.get(i)));
			}
			String end = ranged.getID().substring(ranged.getID().lastIndexOf('-') + 1);
			if (end.equals("*")) {
				break;
			}
			int next = Integer.parseInt(end) + 1;
			ranged = ranged(ctx.getAttributes(new LdapName(dn),
					new String[] { "member;range=" + next + "-" + (next + this.range - 1) }));
		}
		return values;
	}

	static @Nullable Attribute ranged(Attributes entry) throws NamingException {
		NamingEnumeration<? extends Attribute> all = entry.getAll();
		while (all.hasMore()) {
			Attribute attribute = all.next();
			if (attribute.getID().toLowerCase(Locale.ROOT).startsWith("member;range=")) {
				return attribute;
			}
		}
		return null;
	}

	private static String lower(String dn) {
		return dn.toLowerCase(Locale.ROOT);
	}

}
