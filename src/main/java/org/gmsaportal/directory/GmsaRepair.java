package org.gmsaportal.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.directory.BasicAttribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.ModificationItem;

import org.gmsaportal.directory.EnsureResult.Outcome;
import org.gmsaportal.directory.GmsaAccounts.Plan;
import org.gmsaportal.directory.internal.SecurityDescriptor;

/**
 * Brings a drifted gMSA the portal created back to the request, when the caller explicitly asks.
 */
final class GmsaRepair {

	static final String ACTION = "directory.gmsa.repair";

	private GmsaRepair() {
	}

	static EnsureResult repair(DirContext ctx, DomainFacts facts, GmsaRequest request, Auditor audit)
			throws NamingException {
		Plan plan = GmsaAccounts.plan(ctx, facts, request);
		Map<String, Object> details = GmsaAccounts.details(plan, request.passwordIntervalDays());
		Attributes existing = Accounts.find(ctx, facts.defaultNamingContext(), plan.name() + "$",
				GmsaAccounts.ATTRIBUTES);
		if (existing == null) {
			throw new IllegalArgumentException("gMSA name: there is no gMSA " + plan.name() + "$ to repair");
		}
		String dn = Ldap.string(existing, "distinguishedName");
		List<String> drift = GmsaAccounts.drift(existing, plan, request.passwordIntervalDays());
		if (drift.isEmpty()) {
			return audit.record(ACTION, new EnsureResult("gMSA", dn, Accounts.guid(existing),
					Outcome.ALREADY_AS_REQUESTED, List.of(), List.of()), details);
		}
		if (!Accounts.MARKER.equals(Ldap.optionalString(existing, "adminDescription"))) {
			throw audit.refused(ACTION, dn, "Not repaired: " + dn + " was not created by the portal, so the portal "
					+ "does not change it. Differences: " + String.join("; ", drift), details);
		}
		List<Spns.Conflict> conflicts = Spns.conflicts(ctx, facts, plan.spns(), dn);
		if (!Spns.blocking(conflicts).isEmpty()) {
			throw audit.refused(ACTION, dn, "Not repaired: " + Spns.refusal(conflicts), details);
		}
		BasicAttribute spns = new BasicAttribute("servicePrincipalName");
		plan.spns().forEach(spns::add);
		long uac = Ldap.longValue(existing, "userAccountControl", 0) | GmsaAccounts.WORKSTATION_TRUST_ACCOUNT;
		List<ModificationItem> changes = new ArrayList<>(List.of(
				replace(new BasicAttribute("dNSHostName", plan.dnsHostName())), replace(spns),
				replace(new BasicAttribute("msDS-SupportedEncryptionTypes", Integer.toString(plan.encryptionTypes()))),
				replace(new BasicAttribute("msDS-GroupMSAMembership",
						SecurityDescriptor.allowingRetrieval(plan.allowedSids()).toBytes())),
				replace(new BasicAttribute("userAccountControl", Long.toString(uac)))));
		audit.intent(ACTION, dn, details);
		try {
			ctx.modifyAttributes(dn, changes.toArray(ModificationItem[]::new));
		}
		catch (NamingException ex) {
			String what = "repair the gMSA " + dn;
			throw audit.failure(ACTION, dn, WriteErrors.withSpnConflicts(ex, what, WriteErrors.explain(ex, what, dn),
					conflicts), details, ex);
		}
		Attributes after = Ldap.read(ctx, dn, GmsaAccounts.ATTRIBUTES);
		List<String> remaining = (after != null) ? GmsaAccounts.drift(after, plan, request.passwordIntervalDays())
				: List.of();
		List<String> warnings = new ArrayList<>(Spns.warnings(conflicts));
		if (!remaining.isEmpty()) {
			warnings.add("Still different (cannot be changed after creation): " + String.join("; ", remaining));
		}
		return audit.record(ACTION, new EnsureResult("gMSA", dn, Accounts.guid(existing), Outcome.REPAIRED, drift,
				warnings), details);
	}

	private static ModificationItem replace(BasicAttribute attribute) {
		return new ModificationItem(DirContext.REPLACE_ATTRIBUTE, attribute);
	}

}
