package org.gmsaportal.directory;

import java.util.List;
import java.util.Map;

import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;

import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.directory.EnsureResult.Outcome;
import org.gmsaportal.directory.internal.Guids;

/**
 * Deletes objects the portal created: the object its ensure recorded (DN and objectGUID; for runs recorded before the
 * objectGUID was kept, the object the account name finds), re-read by its objectGUID, and only if it carries the
 * portal's marker and still has the recorded DN;
 * a group only once nothing uses it any more ({@link GroupInUse}). Anything else found under the name is refused
 * with a {@link RemovalRefusedException} that names the object, the blocker and what to do.
 */
final class Decommissioning {

	static final String ACTION = "directory.object.delete";

	private static final Map<String, String> CLASSES = Map.of("gMSA", "msDS-GroupManagedServiceAccount", "user",
			"user", "group", "group");

	// What the admin does about an object changed outside the portal: the portal never deletes what it cannot vouch for.
	private static final String YOURSELF = "; delete it yourself if it should go, then resume";

	private Decommissioning() {
	}

	static EnsureResult delete(DirContext ctx, CreatedObject object, Auditor audit, GmsaReaders gmsas)
			throws NamingException {
		String expectedClass = CLASSES.get(object.kind());
		if (expectedClass == null) {
			throw new IllegalArgumentException("kind: one of " + CLASSES.keySet());
		}
		Map<String, Object> details = Map.of("kind", object.kind(), "objectGuid", object.objectGuid().toString());
		List<Attributes> found = Ldap.search(ctx, Ldap.defaultNamingContext(ctx), "(objectGUID=" + Ldap.filterBytes(
				Guids.toBytes(object.objectGuid())) + ")", SearchControls.SUBTREE_SCOPE, "distinguishedName",
				"objectClass", "adminDescription", "member", "objectSid");
		if (found.isEmpty()) {
			return audit.record(ACTION, new EnsureResult(object.kind(), object.distinguishedName(),
					object.objectGuid(), Outcome.ALREADY_ABSENT, List.of(), List.of()), details);
		}
		Attributes entry = found.get(0);
		String dn = Ldap.string(entry, "distinguishedName");
		String refusal = null;
		if (!Accounts.MARKER.equals(Ldap.optionalString(entry, "adminDescription"))) {
			refusal = dn + " was not created by the portal; it is left alone" + YOURSELF;
		}
		else if (!Accounts.sameDn(dn, object.distinguishedName())) {
			refusal = "the object created as " + object.distinguishedName() + " is now " + dn
					+ "; someone moved or renamed it, so the portal leaves it alone" + YOURSELF;
		}
		else if (!Ldap.strings(entry, "objectClass").contains(expectedClass)
				|| (object.kind().equals("user") && Ldap.strings(entry, "objectClass").contains("computer"))) {
			refusal = dn + " is not a " + object.kind() + "; it is left alone" + YOURSELF;
		}
		else if (object.kind().equals("group")) {
			refusal = GroupInUse.reason(ctx, dn, entry, gmsas);
		}
		if (refusal != null) {
			audit.trail().record(AuditEvent.of(ACTION, dn, AuditOutcome.DENIED).withDetails(Map.of("kind",
					object.kind(), "objectGuid", object.objectGuid().toString(), "error", refusal)));
			throw new RemovalRefusedException("Not deleted: " + refusal);
		}
		audit.intent(ACTION, dn, details);
		try {
			ctx.destroySubcontext(dn);
		}
		catch (NamingException ex) {
			throw audit.failure(ACTION, dn, WriteErrors.explain(ex, "delete " + dn, dn), details, ex);
		}
		return audit.record(ACTION,
				new EnsureResult(object.kind(), dn, object.objectGuid(), Outcome.DELETED, List.of(), List.of()),
				details);
	}

}
