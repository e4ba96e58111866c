package org.gmsaportal.directory;

import java.util.List;

import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;

import org.jspecify.annotations.Nullable;

import org.springframework.ldap.support.LdapEncoder;

/**
 * Resolving a member named like a computer account ({@code HOST01$}) to a real computer account. Membership of
 * the allowed-hosts group grants the right to retrieve the gMSA password, and a trailing {@code $} does not make
 * an account a computer: other gMSAs, MSAs (whose objectClass includes computer), interdomain trust accounts
 * ({@code CONTOSO$}) and users may carry one too. Such names are refused, naming what the account is.
 */
final class ComputerMembers {

	/** Computer accounts, but not gMSAs or standalone MSAs: what {@link DirectoryLookups#searchComputers} finds. */
	static final String COMPUTER = "(objectCategory=computer)(!(objectClass=msDS-GroupManagedServiceAccount))"
			+ "(!(objectClass=msDS-ManagedServiceAccount))";

	private static final int INTERDOMAIN_TRUST_ACCOUNT = 0x800;

	private ComputerMembers() {
	}

	/** Whether {@code member} names a computer account, as a domain-joined request's members do. */
	static boolean isComputerName(String member) {
		return member.endsWith("$");
	}

	/**
	 * The computer account with exactly this sAMAccountName (with {@code distinguishedName} and
	 * {@code userAccountControl}), or {@code null} if no account at all has it.
	 * @throws IllegalArgumentException naming the field and what the account is, when the name belongs to an
	 * account that is not a computer
	 */
	static @Nullable Attributes find(DirContext ctx, String domainNc, String samAccountName) throws NamingException {
		List<Attributes> found = Ldap.search(ctx, domainNc,
				"(&" + COMPUTER + "(sAMAccountName=" + LdapEncoder.filterEncode(samAccountName) + "))",
				SearchControls.SUBTREE_SCOPE, "distinguishedName", "objectGUID", "userAccountControl");
		if (!found.isEmpty()) {
			return found.get(0);
		}
		Attributes other = Accounts.find(ctx, domainNc, samAccountName, "objectClass", "userAccountControl");
		if (other != null) {
			throw new IllegalArgumentException(notAComputer(samAccountName, other));
		}
		return null;
	}

	/**
	 * The account a group membership names: for a computer name ({@code HOST01$}) the computer account as
	 * {@link #find} finds it, adding {@link #disabledWarning} to {@code warnings} when it is disabled; for any other
	 * name the account with that sAMAccountName, with {@code attributes}. {@code null} if there is none.
	 * @throws IllegalArgumentException as {@link #find} does, when a computer name belongs to another kind of account
	 */
	static @Nullable Attributes resolve(DirContext ctx, String domainNc, String samAccountName, List<String> warnings,
			String... attributes) throws NamingException {
		if (!isComputerName(samAccountName)) {
			return Accounts.find(ctx, domainNc, samAccountName, attributes);
		}
		Attributes computer = find(ctx, domainNc, samAccountName);
		if (computer != null && disabled(computer)) {
			warnings.add(disabledWarning(samAccountName));
		}
		return computer;
	}

	/**
	 * Whether the account has ACCOUNTDISABLE in {@code userAccountControl}: it cannot log on, so cannot retrieve
	 * the password.
	 */
	static boolean disabled(Attributes computer) throws NamingException {
		return (Ldap.longValue(computer, "userAccountControl", 0) & PortableUsers.ACCOUNT_DISABLED) != 0;
	}

	/** The warning for a disabled computer account; membership is still granted, as the admin asked. */
	static String disabledWarning(String samAccountName) {
		return samAccountName + " is disabled: that host cannot log on, so it cannot retrieve the password until "
				+ "the account is enabled";
	}

	// Most specific first: a gMSA's and an MSA's objectClass also include computer and user.
	private static String notAComputer(String name, Attributes other) throws NamingException {
		List<String> classes = Ldap.strings(other, "objectClass").stream().map(Ldap::lower).toList();
		String kind;
		if (classes.contains("msds-groupmanagedserviceaccount")) {
			kind = "a gMSA";
		}
		else if (classes.contains("msds-managedserviceaccount")) {
			kind = "an MSA";
		}
		else if ((Ldap.longValue(other, "userAccountControl", 0) & INTERDOMAIN_TRUST_ACCOUNT) != 0) {
			kind = "a trust account";
		}
		else if (classes.contains("group")) {
			kind = "a group";
		}
		else if (classes.contains("user") && !classes.contains("computer")) {
			kind = "a user";
		}
		else {
			kind = "an object of class " + (classes.isEmpty() ? "unknown" : classes.get(classes.size() - 1));
		}
		return name + " is not a computer account (it is " + kind + ")";
	}

}
