package org.gmsaportal.directory;

import java.util.ArrayList;
import java.util.List;

import javax.naming.NamingException;
import javax.naming.directory.Attributes;

import org.gmsaportal.directory.EnsureResult.Outcome;
import org.gmsaportal.directory.internal.AccountNames;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * What the ensure operations of {@link IdentityManagement} would do, found by reading only: the plan an
 * admin approves before anything is written. Nothing here writes or audits.
 */
@Component
class IdentityPreview {

	/** The group: as requested, drifted, or {@link Outcome#PLANNED} with the DN it would get. */
	public EnsureResult group(DirectoryConnection connection, GroupRequest request) {
		return connection.withServiceAccountOnRequest(ctx -> {
			DomainFacts facts = DomainFacts.read(ctx);
			String name = AccountNames.groupName(request.name());
			Attributes existing = Accounts.find(ctx, facts.defaultNamingContext(), name, Groups.ATTRIBUTES);
			if (existing == null) {
				String container = Accounts.container(request.container(), "CN=Users," + facts.defaultNamingContext(),
						facts.defaultNamingContext());
				return new EnsureResult("group", Accounts.dn(name, container), null, Outcome.PLANNED, List.of(),
						List.of("a " + request.scope().words() + " security group"));
			}
			List<String> drift = Groups.drift(existing, name);
			if (drift.isEmpty()) {
				return new EnsureResult("group", Ldap.string(existing, "distinguishedName"), Accounts.guid(existing),
						Outcome.ALREADY_AS_REQUESTED, List.of(), Groups.reuseNote(existing, request.scope()));
			}
			return found("group", existing, drift);
		});
	}

	/**
	 * The gMSA: compared with the request if it exists; otherwise PLANNED, or DRIFT naming the SPNs another
	 * object already holds (the DC would refuse the creation). An SPN whose HOST alias another computer holds
	 * does not stop the plan: it is a warning that says what the DC and Kerberos clients would do.
	 */
	public EnsureResult gmsa(DirectoryConnection connection, GmsaRequest request) {
		return connection.withServiceAccountOnRequest(ctx -> {
			DomainFacts facts = DomainFacts.read(ctx);
			GmsaAccounts.Plan plan = GmsaAccounts.plan(ctx, facts, request, false);
			Attributes existing = Accounts.find(ctx, facts.defaultNamingContext(), plan.name() + "$",
					GmsaAccounts.ATTRIBUTES);
			if (existing != null) {
				String wrongKind = GmsaAccounts.wrongKind(existing, plan.name());
				if (wrongKind != null) {
					return found("gMSA", existing, List.of(wrongKind));
				}
				if (plan.allowedSids().size() < request.allowedPrincipals().size()) {
					return found("gMSA", existing, List.of("an allowed principal of the request does not exist yet"));
				}
				return found("gMSA", existing, GmsaAccounts.drift(existing, plan, request.passwordIntervalDays()));
			}
			List<Spns.Conflict> conflicts = Spns.conflicts(ctx, facts, plan.spns(), plan.dn());
			List<String> blocking = Spns.blocking(conflicts).stream().map(Spns.Conflict::message).toList();
			return new EnsureResult("gMSA", plan.dn(), null, blocking.isEmpty() ? Outcome.PLANNED : Outcome.DRIFT,
					blocking, Spns.warnings(conflicts));
		});
	}

	/**
	 * The portable user: present and usable by ccg.exe, drifted, or PLANNED. An existing account the portal
	 * did not create is drift: the run would have to reset its password, which the portal never does to an
	 * account it does not own.
	 */
	public EnsureResult user(DirectoryConnection connection, String userName) {
		return user(connection, userName, null);
	}

	/** As {@link #user(DirectoryConnection, String)}, for a user its ensure creates in {@code container}. */
	public EnsureResult user(DirectoryConnection connection, String userName, @Nullable String container) {
		return connection.withServiceAccountOnRequest(ctx -> {
			DomainFacts facts = DomainFacts.read(ctx);
			String name = AccountNames.userAccountName(userName, facts.dnsName());
			Attributes existing = Accounts.find(ctx, facts.defaultNamingContext(), name, "distinguishedName",
					"objectGUID", "objectClass", "userAccountControl", "adminDescription");
			if (existing == null) {
				return planned("user", Accounts.dn(name, Accounts.container(container,
						"CN=Users," + facts.defaultNamingContext(), facts.defaultNamingContext())));
			}
			List<String> drift = new ArrayList<>(PortableUsers.userDrift(existing, name));
			if (!Accounts.MARKER.equals(Ldap.optionalString(existing, "adminDescription"))) {
				drift.add("the account " + name + " exists but was not created by the portal; choose another name");
			}
			return found("user", existing, drift);
		});
	}

	/**
	 * The membership: present, or PLANNED (also when the group, or a member the same run creates, does not
	 * exist yet); DRIFT when a member that should already exist, such as a computer account, does not, or when a
	 * name ending in {@code $} belongs to an account that is not a computer (another gMSA, an MSA, a trust
	 * account, a user): the group grants the right to retrieve the gMSA password. A disabled computer is a warning.
	 * @param memberCreatedByRun whether an earlier step of the run creates the member (the portable user)
	 */
	public EnsureResult membership(DirectoryConnection connection, String group, String member,
			boolean memberCreatedByRun) {
		return connection.withServiceAccountOnRequest(ctx -> {
			DomainFacts facts = DomainFacts.read(ctx);
			String groupName = AccountNames.accountName("group", group);
			String memberName = AccountNames.accountName("member", member);
			String target = memberName + " in " + groupName;
			Attributes groupEntry = Accounts.find(ctx, facts.defaultNamingContext(), groupName, "distinguishedName");
			Attributes memberEntry;
			List<String> warnings = new ArrayList<>();
			try {
				memberEntry = ComputerMembers.resolve(ctx, facts.defaultNamingContext(), memberName, warnings,
						"distinguishedName");
			}
			catch (IllegalArgumentException ex) {
				return new EnsureResult("membership", target, null, Outcome.DRIFT, List.of(ex.getMessage()), List.of());
			}
			if (memberEntry == null && !memberCreatedByRun) {
				return new EnsureResult("membership", target, null, Outcome.DRIFT,
						List.of("no account named " + memberName + " (computer accounts end with $, e.g. HOST01$)"),
						List.of());
			}
			if (groupEntry == null || memberEntry == null) {
				return new EnsureResult("membership", target, null, Outcome.PLANNED, List.of(), warnings);
			}
			String groupDn = Ldap.string(groupEntry, "distinguishedName");
			String memberDn = Ldap.string(memberEntry, "distinguishedName");
			boolean present = Accounts.isMember(ctx, groupDn, memberDn);
			return new EnsureResult("membership", memberDn + " in " + groupDn, null,
					present ? Outcome.ALREADY_AS_REQUESTED : Outcome.PLANNED, List.of(), warnings);
		});
	}

	private static EnsureResult planned(String kind, String dn) {
		return new EnsureResult(kind, dn, null, Outcome.PLANNED, List.of(), List.of());
	}

	private static EnsureResult found(String kind, Attributes existing, List<String> drift) throws NamingException {
		return new EnsureResult(kind, Ldap.string(existing, "distinguishedName"), Accounts.guid(existing),
				drift.isEmpty() ? Outcome.ALREADY_AS_REQUESTED : Outcome.DRIFT, drift, List.of());
	}

}
