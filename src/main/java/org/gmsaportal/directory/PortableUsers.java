package org.gmsaportal.directory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.directory.BasicAttribute;
import javax.naming.directory.BasicAttributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.ModificationItem;

import org.gmsaportal.directory.EnsureResult.Outcome;
import org.gmsaportal.directory.internal.AccountNames;
import org.gmsaportal.directory.internal.Passwords;

import org.jspecify.annotations.Nullable;

/**
 * The portable user for non-domain-joined nodes, and group membership of users and computer accounts.
 */
final class PortableUsers {

	static final String USER_ACTION = "directory.user.ensure";

	static final String MEMBER_ACTION = "directory.group-membership.ensure";

	static final int ACCOUNT_DISABLED = 0x2;

	static final int NORMAL_ACCOUNT = 0x200;

	// ccg.exe cannot renew an expired password, so the portable user's password must not expire.
	static final int DONT_EXPIRE_PASSWORD = 0x10000;

	private PortableUsers() {
	}

	static PortableUserResult ensure(DirContext ctx, DomainFacts facts, PortableUserRequest request, Auditor audit)
			throws NamingException {
		String group = AccountNames.accountName("group", request.group());
		// Check the group before creating the user, so a bad group leaves nothing half-made behind.
		Attributes groupEntry = Accounts.find(ctx, facts.defaultNamingContext(), group, "objectClass");
		if (groupEntry == null || !Ldap.strings(groupEntry, "objectClass").contains("group")) {
			throw new IllegalArgumentException("group: no group named " + group);
		}
		char[] password = Passwords.generate();
		EnsureResult user = ensureUser(ctx, facts, request.name(), request.container(), password, audit);
		IssuedPassword issued = (user.outcome() == Outcome.CREATED) ? new IssuedPassword(password) : null;
		String name = AccountNames.userAccountName(request.name(), facts.dnsName());
		return new PortableUserResult(user, membership(ctx, facts, request.group(), name, audit), issued);
	}

	/**
	 * Creates the user with {@code password} (never recorded) if absent; reports an existing one as it is,
	 * leaving its password alone.
	 */
	static EnsureResult ensureUser(DirContext ctx, DomainFacts facts, String userName, @Nullable String requestedContainer,
			char[] password, Auditor audit) throws NamingException {
		String name = AccountNames.userAccountName(userName, facts.dnsName());
		String container = Accounts.container(requestedContainer, "CN=Users," + facts.defaultNamingContext(),
				facts.defaultNamingContext());
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("sAMAccountName", name);
		details.put("userPrincipalName", name + "@" + facts.dnsName());
		details.put("userAccountControl", "NORMAL_ACCOUNT | DONT_EXPIRE_PASSWORD");
		Attributes existing = Accounts.find(ctx, facts.defaultNamingContext(), name, "distinguishedName",
				"objectGUID", "objectClass", "userAccountControl");
		if (existing != null) {
			List<String> drift = userDrift(existing, name);
			return audit.record(USER_ACTION, new EnsureResult("user", Ldap.string(existing, "distinguishedName"),
					Accounts.guid(existing), drift.isEmpty() ? Outcome.ALREADY_AS_REQUESTED : Outcome.DRIFT, drift,
					List.of("The existing password was not changed and is not known to the portal.")), details);
		}
		String dn = Accounts.dn(name, container);
		Attributes attributes = new BasicAttributes(true);
		attributes.put("objectClass", "user");
		attributes.put("cn", name);
		attributes.put("sAMAccountName", name);
		attributes.put("userPrincipalName", name + "@" + facts.dnsName());
		attributes.put("unicodePwd", Passwords.unicodePwd(password));
		attributes.put("userAccountControl", Integer.toString(NORMAL_ACCOUNT | DONT_EXPIRE_PASSWORD));
		attributes.put("adminDescription", Accounts.MARKER);
		attributes.put("description", Accounts.provenance(audit.run()));
		details.put("description", Accounts.provenance(audit.run()));
		details.put("unicodePwd", "set (not recorded)");
		audit.intent(USER_ACTION, dn, details);
		try {
			ctx.createSubcontext(dn, attributes);
		}
		catch (NamingException ex) {
			throw audit.failure(USER_ACTION, dn, WriteErrors.explain(ex, "create the user " + dn, container),
					details, ex);
		}
		finally {
			attributes.remove("unicodePwd");
		}
		Attributes created = Accounts.readBack(ctx, facts.defaultNamingContext(), name, dn);
		return audit.record(USER_ACTION, new EnsureResult("user", dn, (created != null) ? Accounts.guid(created) : null,
				Outcome.CREATED, List.of(),
				List.of("The password never expires, because ccg.exe cannot renew it; rotate it by re-issuing the "
						+ "portable identity and updating its secret.")),
				details);
	}

	/** How an existing account falls short of a portable user that ccg.exe can use. */
	static List<String> userDrift(Attributes existing, String name) throws NamingException {
		List<String> drift = new ArrayList<>();
		long uac = Ldap.longValue(existing, "userAccountControl", 0);
		if (Ldap.strings(existing, "objectClass").contains("computer")) {
			drift.add("the name " + name + " belongs to a computer account, not a user");
		}
		if ((uac & ACCOUNT_DISABLED) != 0) {
			drift.add("the account is disabled");
		}
		if ((uac & DONT_EXPIRE_PASSWORD) == 0) {
			drift.add("its password expires (ccg.exe then fails to fetch the gMSA password)");
		}
		return drift;
	}

	static EnsureResult membership(DirContext ctx, DomainFacts facts, String group, String member, Auditor audit)
			throws NamingException {
		String groupName = AccountNames.accountName("group", group);
		String memberName = AccountNames.accountName("member", member);
		Attributes groupEntry = Accounts.find(ctx, facts.defaultNamingContext(), groupName, "distinguishedName",
				"objectClass");
		if (groupEntry == null || !Ldap.strings(groupEntry, "objectClass").contains("group")) {
			throw new IllegalArgumentException("group: no group named " + groupName);
		}
		String groupDn = Ldap.string(groupEntry, "distinguishedName");
		Attributes memberEntry;
		List<String> warnings = new ArrayList<>();
		// Computer names are checked here too, not only in the preview: a request that skipped the plan still adds
		// no gMSA, MSA, trust account or user to the group that may retrieve the password.
		try {
			memberEntry = ComputerMembers.resolve(ctx, facts.defaultNamingContext(), memberName, warnings,
					"distinguishedName", "objectGUID");
		}
		catch (IllegalArgumentException ex) {
			throw audit.refused(MEMBER_ACTION, memberName + " in " + groupDn, "member: " + ex.getMessage(),
					Map.of("group", groupDn, "member", memberName));
		}
		if (memberEntry == null) {
			throw new IllegalArgumentException("member: no account named " + memberName
					+ " (computer accounts end with $, e.g. HOST01$)");
		}
		String memberDn = Ldap.string(memberEntry, "distinguishedName");
		String target = memberDn + " in " + groupDn;
		Map<String, Object> details = Map.of("group", groupDn, "member", memberDn);
		boolean present = Accounts.isMember(ctx, groupDn, memberDn);
		if (!present) {
			audit.intent(MEMBER_ACTION, target, details);
			try {
				ctx.modifyAttributes(groupDn, new ModificationItem[] {
						new ModificationItem(DirContext.ADD_ATTRIBUTE, new BasicAttribute("member", memberDn)) });
			}
			catch (NamingException ex) {
				// entryAlreadyExists / attributeOrValueExists: someone added it meanwhile, which is success.
				if (Ldap.resultCode(ex) != WriteErrors.ENTRY_ALREADY_EXISTS && Ldap.resultCode(ex) != 20) {
					throw audit.failure(MEMBER_ACTION, target,
							WriteErrors.explain(ex, "add " + memberDn + " to " + groupDn, groupDn), details, ex);
				}
				present = true;
			}
		}
		return audit.record(MEMBER_ACTION, new EnsureResult("membership", target, null,
				present ? Outcome.ALREADY_AS_REQUESTED : Outcome.CREATED, List.of(), warnings), details);
	}

}
