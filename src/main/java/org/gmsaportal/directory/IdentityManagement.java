package org.gmsaportal.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.directory.BasicAttributes;
import javax.naming.directory.DirContext;

import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.directory.EnsureResult.Outcome;
import org.gmsaportal.directory.GmsaAccounts.Plan;
import org.gmsaportal.directory.internal.AccountNames;
import org.gmsaportal.directory.internal.SecurityDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * Idempotent creation of the directory objects a gMSA deployment needs, and their removal; every step audited.
 */
class IdentityManagement {

	private final Auditor audit;

	IdentityManagement(AuditTrail audit, @Nullable RunRef run) {
		this.audit = new Auditor(audit, run);
	}

	/** Creates the security group, or reports whether the existing one matches. */
	EnsureResult ensureGroup(DirectoryConnection connection, GroupRequest request) {
		return connection.withServiceAccountOnRequest(ctx -> {
			DomainFacts facts = DomainFacts.read(ctx);
			String name = AccountNames.groupName(request.name());
			String container = Accounts.container(request.container(), "CN=Users," + facts.defaultNamingContext(),
					facts.defaultNamingContext());
			Map<String, Object> details = Map.of("sAMAccountName", name, "groupType", request.scope().groupType(),
					"description", Accounts.provenance(this.audit.run()));
			Attributes existing = Accounts.find(ctx, facts.defaultNamingContext(), name, Groups.ATTRIBUTES);
			if (existing != null) {
				String dn = Ldap.string(existing, "distinguishedName");
				List<String> drift = Groups.drift(existing, name);
				return this.audit.record("directory.group.ensure", new EnsureResult("group", dn,
						Accounts.guid(existing), drift.isEmpty() ? Outcome.ALREADY_AS_REQUESTED : Outcome.DRIFT, drift,
						drift.isEmpty() ? Groups.reuseNote(existing, request.scope()) : List.of()), details);
			}
			String dn = Accounts.dn(name, container);
			Attributes attributes = new BasicAttributes(true);
			attributes.put("objectClass", "group");
			attributes.put("cn", name);
			attributes.put("sAMAccountName", name);
			attributes.put("groupType", Integer.toString(request.scope().groupType()));
			attributes.put("adminDescription", Accounts.MARKER);
			attributes.put("description", Accounts.provenance(this.audit.run()));
			create(ctx, "directory.group.ensure", "create the group " + dn, dn, container, attributes, details);
			// Read back with its members, so that the run's gMSA and membership steps ask the DC nothing about it.
			Attributes created = Accounts.readBack(ctx, facts.defaultNamingContext(), name, dn, "member");
			return this.audit.record("directory.group.ensure", new EnsureResult("group", dn,
					(created != null) ? Accounts.guid(created) : null, Outcome.CREATED, List.of(), List.of()), details);
		});
	}

	/** Creates the gMSA after checking its SPNs are free, or reports how the existing one differs. */
	EnsureResult ensureGmsa(DirectoryConnection connection, GmsaRequest request) {
		return ensureGmsa(connection, request, true);
	}

	EnsureResult ensureGmsa(DirectoryConnection connection, GmsaRequest request, boolean checkSpnsFirst) {
		return connection.withServiceAccountOnRequest(ctx -> {
			DomainFacts facts = DomainFacts.read(ctx);
			Plan plan = GmsaAccounts.plan(ctx, facts, request);
			Map<String, Object> details = GmsaAccounts.details(plan, request.passwordIntervalDays());
			Attributes existing = Accounts.find(ctx, facts.defaultNamingContext(), plan.name() + "$",
					GmsaAccounts.ATTRIBUTES);
			if (existing != null) {
				String dn = Ldap.string(existing, "distinguishedName");
				List<String> drift = GmsaAccounts.drift(existing, plan, request.passwordIntervalDays());
				return this.audit.record(GmsaAccounts.ACTION,
						new EnsureResult("gMSA", dn, Accounts.guid(existing),
								drift.isEmpty() ? Outcome.ALREADY_AS_REQUESTED : Outcome.DRIFT, drift,
								GmsaAccounts.warnings(request, false)),
						details);
			}
			String dn = plan.dn();
			List<Spns.Conflict> conflicts = List.of();
			if (checkSpnsFirst) {
				conflicts = Spns.conflicts(ctx, facts, plan.spns(), dn);
				if (!Spns.blocking(conflicts).isEmpty()) {
					throw this.audit.refused(GmsaAccounts.ACTION, dn, "Not created: " + Spns.refusal(conflicts), details);
				}
			}
			this.audit.intent(GmsaAccounts.ACTION, dn, details);
			try {
				ctx.createSubcontext(dn, GmsaAccounts.attributes(plan, request.passwordIntervalDays(),
						Accounts.provenance(this.audit.run())));
			}
			catch (NamingException ex) {
				String message = WriteErrors.explain(ex, "create the gMSA " + dn, plan.container());
				if (WriteErrors.maybeSpn(ex)) {
					message = WriteErrors.withSpnConflicts(ex, "create the gMSA " + dn, message,
							Spns.conflicts(ctx, facts, plan.spns(), dn));
				}
				throw this.audit.failure(GmsaAccounts.ACTION, dn, message, details, ex);
			}
			Attributes created = Accounts.readBack(ctx, facts.defaultNamingContext(), plan.name() + "$", dn);
			List<String> drift = (created != null) ? GmsaAccounts.drift(created, plan, request.passwordIntervalDays())
					: List.of("the DC did not return the new object");
			// Read back through our own parser: the DC must hold exactly the descriptor we meant to write.
			if (!drift.isEmpty()) {
				throw this.audit.refused(GmsaAccounts.ACTION, dn, "Created " + dn + " but the DC stores it differently: "
						+ String.join("; ", drift), details);
			}
			List<String> warnings = new ArrayList<>(GmsaAccounts.warnings(request, true));
			warnings.addAll(Spns.warnings(conflicts));
			return this.audit.record(GmsaAccounts.ACTION, new EnsureResult("gMSA", dn, Accounts.guid(created),
					Outcome.CREATED, List.of(), warnings), details);
		});
	}

	/**
	 * Changes a drifted gMSA the portal created back to the request (DNS host name, SPNs, encryption types,
	 * allowed principals); the password interval cannot change and stays reported. Refuses foreign gMSAs.
	 */
	EnsureResult repairGmsa(DirectoryConnection connection, GmsaRequest request) {
		return connection.withServiceAccountOnRequest(
				ctx -> GmsaRepair.repair(ctx, DomainFacts.read(ctx), request, this.audit));
	}

	/** Creates the portable user with a generated password (returned once) and makes it a group member. */
	PortableUserResult ensurePortableUser(DirectoryConnection connection, PortableUserRequest request) {
		connection.requirePasswordTransport();
		return connection.withServiceAccountOnRequest(
				ctx -> PortableUsers.ensure(ctx, DomainFacts.read(ctx), request, this.audit));
	}

	/** Adds a user or computer account (e.g. {@code HOST01$}) to the group; already a member is success. */
	EnsureResult ensureMembership(DirectoryConnection connection, String group, String member) {
		return connection.withServiceAccountOnRequest(
				ctx -> PortableUsers.membership(ctx, DomainFacts.read(ctx), group, member, this.audit));
	}

	/** Deletes an object the portal created, identified by its recorded objectGUID; refuses anything else. */
	EnsureResult decommission(DirectoryConnection connection, CreatedObject object) {
		return connection.withServiceAccountOnRequest(ctx -> Decommissioning.delete(ctx, object, this.audit,
				connection.gmsaReaders()));
	}

	/** The principals a gMSA's msDS-GroupMSAMembership lets retrieve its password, as SIDs. */
	static List<String> retrievers(Attributes gmsa) throws NamingException {
		byte[] sd = Ldap.bytes(gmsa, "msDS-GroupMSAMembership");
		return (sd != null) ? List.copyOf(SecurityDescriptor.parse(sd).retrievers()) : List.of();
	}

	private void create(DirContext ctx, String action, String what, String dn, String container,
			Attributes attributes, Map<String, ?> details) {
		this.audit.intent(action, dn, details);
		try {
			ctx.createSubcontext(dn, attributes);
		}
		catch (NamingException ex) {
			throw this.audit.failure(action, dn, WriteErrors.explain(ex, what, container), details, ex);
		}
	}

}
