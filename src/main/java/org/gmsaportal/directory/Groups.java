package org.gmsaportal.directory;

import java.util.List;

import javax.naming.NamingException;
import javax.naming.directory.Attributes;

/**
 * Whether an existing object can serve as the allowed-hosts group: a security group of any scope can (a gMSA's
 * allowed principals may be any security group, so an admin may reuse a global or domain-local one); another kind
 * of object, or a distribution group, cannot. Messages name the object and its kind in words, never a raw groupType.
 */
final class Groups {

	static final String[] ATTRIBUTES = { "distinguishedName", "objectGUID", "objectClass", "groupType" };

	private Groups() {
	}

	/** Why {@code existing} cannot be the group named {@code name}; empty when it can. */
	static List<String> drift(Attributes existing, String name) throws NamingException {
		String dn = Ldap.string(existing, "distinguishedName");
		String kind = Accounts.kind(existing);
		if (!kind.equals("group")) {
			return List.of("the name " + name + " belongs to a " + kind + " (" + dn + "), not a group: choose "
					+ "another group name");
		}
		long groupType = Ldap.longValue(existing, "groupType", 0);
		if (!GroupScope.securityEnabled(groupType)) {
			return List.of(name + " is a " + GroupScope.describe(groupType) + ": only a security group can be allowed "
					+ "to retrieve a gMSA password; name a security group, or a new name to create one");
		}
		return List.of();
	}

	/** What the plan and the run say about an existing group that is used as it is. */
	static List<String> reuseNote(Attributes existing, GroupScope requested) throws NamingException {
		long groupType = Ldap.longValue(existing, "groupType", 0);
		String note = "an existing " + GroupScope.describe(groupType) + ", used as it is";
		// Only the scope bits (global 0x2, domain-local 0x4, universal 0x8): a built-in group also has 0x1 set.
		if ((groupType & 0xE) != (requested.groupType() & 0xE)) {
			note += "; the scope chosen (" + requested.words() + ") applies only to a group the portal creates";
		}
		return List.of(note);
	}

}
