package org.gmsaportal.directory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.directory.BasicAttribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.ModificationItem;

import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.directory.EnsureResult.Outcome;
import org.gmsaportal.directory.internal.AccountNames;
import org.gmsaportal.directory.internal.Passwords;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Changes to accounts the portal created, beyond creating them: a portable user with a caller's password,
 * a password reset, leaving a group, and finding a created object again for decommission. Every write
 * is audited; secrets never are.
 * <p>
 * Not part of the module's face ({@link Directory}): public only because the lab tests of other modules read
 * the DC through it. Main code outside this module uses {@link Directory}.
 */
@Component
public class AccountMaintenance {

	private static final String PASSWORD_ACTION = "directory.user.password.set";

	private static final String LEAVE_ACTION = "directory.group-membership.remove";

	private final AuditTrail audit;

	AccountMaintenance(AuditTrail audit) {
		this.audit = audit;
	}

	/** Creates the user with {@code password} if absent (no group membership); the password is never kept. */
	EnsureResult ensureUser(DirectoryConnection connection, String userName, char[] password,
			@Nullable RunRef run) {
		return ensureUser(connection, userName, null, password, run);
	}

	/** As above, in {@code container} (an OU or container DN; {@code null} for CN=Users). */
	EnsureResult ensureUser(DirectoryConnection connection, String userName, @Nullable String container,
			char[] password, @Nullable RunRef run) {
		Auditor audit = new Auditor(this.audit, run);
		connection.requirePasswordTransport();
		return connection.withServiceAccountOnRequest(
				ctx -> PortableUsers.ensureUser(ctx, DomainFacts.read(ctx), userName, container, password, audit));
	}

	/** Sets the password of a user the portal created; refuses any other account. */
	EnsureResult setPassword(DirectoryConnection connection, String userName, char[] password,
			@Nullable RunRef run) {
		Auditor audit = new Auditor(this.audit, run);
		connection.requirePasswordTransport();
		return connection.withServiceAccountOnRequest(ctx -> {
			DomainFacts facts = DomainFacts.read(ctx);
			String name = AccountNames.userAccountName(userName, facts.dnsName());
			Attributes entry = Accounts.find(ctx, facts.defaultNamingContext(), name, "distinguishedName",
					"objectGUID", "adminDescription");
			if (entry == null) {
				throw new IllegalArgumentException("user: no user named " + name);
			}
			String dn = Ldap.string(entry, "distinguishedName");
			if (!Accounts.MARKER.equals(Ldap.optionalString(entry, "adminDescription"))) {
				throw audit.refused(PASSWORD_ACTION, dn, "Not changed: " + dn + " was not created by the portal",
						Map.of());
			}
			audit.intent(PASSWORD_ACTION, dn, Map.of());
			try {
				ctx.modifyAttributes(dn, new ModificationItem[] { new ModificationItem(DirContext.REPLACE_ATTRIBUTE,
						new BasicAttribute("unicodePwd", Passwords.unicodePwd(password))) });
			}
			catch (NamingException ex) {
				throw audit.failure(PASSWORD_ACTION, dn, WriteErrors.explain(ex, "set the password of " + dn, dn),
						Map.of(), ex);
			}
			return audit.record(PASSWORD_ACTION, new EnsureResult("user", dn, Accounts.guid(entry),
					Outcome.REPAIRED, List.of("password set"), List.of()), Map.of("unicodePwd", "set (not recorded)"));
		});
	}

	/** Takes {@code member} out of {@code group}; not a member (any more) is success. */
	EnsureResult removeMembership(DirectoryConnection connection, String group, String member,
			@Nullable RunRef run) {
		Auditor audit = new Auditor(this.audit, run);
		return connection.withServiceAccountOnRequest(ctx -> {
			DomainFacts facts = DomainFacts.read(ctx);
			Attributes groupEntry = Accounts.find(ctx, facts.defaultNamingContext(),
					AccountNames.accountName("group", group), "distinguishedName");
			Attributes memberEntry = Accounts.find(ctx, facts.defaultNamingContext(),
					AccountNames.accountName("member", member), "distinguishedName");
			if (groupEntry == null || memberEntry == null) {
				return new EnsureResult("membership", member + " in " + group, null, Outcome.ALREADY_ABSENT, List.of(),
						List.of());
			}
			String groupDn = Ldap.string(groupEntry, "distinguishedName");
			String memberDn = Ldap.string(memberEntry, "distinguishedName");
			String target = memberDn + " in " + groupDn;
			Map<String, Object> details = Map.of("group", groupDn, "member", memberDn);
			boolean present = Accounts.isMember(ctx, groupDn, memberDn);
			if (present) {
				audit.intent(LEAVE_ACTION, target, details);
				try {
					ctx.modifyAttributes(groupDn, new ModificationItem[] { new ModificationItem(
							DirContext.REMOVE_ATTRIBUTE, new BasicAttribute("member", memberDn)) });
				}
				catch (NamingException ex) {
					throw audit.failure(LEAVE_ACTION, target,
							WriteErrors.explain(ex, "remove " + memberDn + " from " + groupDn, groupDn), details, ex);
				}
			}
			return audit.record(LEAVE_ACTION, new EnsureResult("membership", target, null,
					present ? Outcome.DELETED : Outcome.ALREADY_ABSENT, List.of(), List.of()), details);
		});
	}

	/**
	 * The object of this kind ({@code group}, {@code gMSA}, {@code user}) and name, as decommission needs it;
	 * empty if there is none. Decommission still refuses anything without the portal's marker.
	 */
	public Optional<CreatedObject> find(DirectoryConnection connection, String kind, String name) {
		return connection.withServiceAccountOnRequest(ctx -> {
			DomainFacts facts = DomainFacts.read(ctx);
			String account = kind.equals("gMSA") ? GmsaNames.check(name) + "$"
					: AccountNames.accountName(kind, name);
			Attributes entry = Accounts.find(ctx, facts.defaultNamingContext(), account, "distinguishedName",
					"objectGUID");
			if (entry == null || Accounts.guid(entry) == null) {
				return Optional.empty();
			}
			return Optional.of(new CreatedObject(kind, Ldap.string(entry, "distinguishedName"), Accounts.guid(entry)));
		});
	}

	/**
	 * Where the {@code group}, {@code gMSA} or {@code user} of this name is, or where its ensure would create it
	 * (the default container, as the ensure uses it), whether it carries the portal's marker and when the DC
	 * created it, by the DC's clock. Read only.
	 */
	public ObjectLocation locate(DirectoryConnection connection, String kind, String name) {
		return locate(connection, kind, name, null);
	}

	/** As above, for an object its ensure creates in {@code container} ({@code null}: the default container). */
	public ObjectLocation locate(DirectoryConnection connection, String kind, String name,
			@Nullable String container) {
		return connection.withServiceAccountOnRequest(ctx -> {
			DomainFacts facts = DomainFacts.read(ctx);
			String nc = facts.defaultNamingContext();
			String cn = switch (kind) {
				case "gMSA" -> GmsaNames.check(name);
				case "group" -> AccountNames.groupName(name);
				case "user" -> AccountNames.userAccountName(name, facts.dnsName());
				default -> throw new IllegalArgumentException("kind: must be group, gMSA or user");
			};
			String account = kind.equals("gMSA") ? cn + "$" : cn;
			String place = Accounts.container(container,
					kind.equals("gMSA") ? "CN=Managed Service Accounts," + nc : "CN=Users," + nc, nc);
			Attributes entry = Accounts.find(ctx, nc, account, "distinguishedName", "adminDescription", "whenCreated",
					"objectClass");
			if (entry == null) {
				return new ObjectLocation(Accounts.dn(cn, place), false, false, null, facts.dcTime(), null);
			}
			String created = Ldap.optionalString(entry, "whenCreated");
			return new ObjectLocation(Ldap.string(entry, "distinguishedName"), true,
					Accounts.MARKER.equals(Ldap.optionalString(entry, "adminDescription")),
					(created != null) ? DomainFacts.parseGeneralizedTime(created) : null, facts.dcTime(),
					Accounts.kind(entry));
		});
	}

}
