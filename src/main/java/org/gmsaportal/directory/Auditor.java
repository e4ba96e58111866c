package org.gmsaportal.directory;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.naming.NamingException;

import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;

/**
 * Records one audit event per directory step; callers pass only non-secret details.
 */
record Auditor(AuditTrail trail) {

	/**
	 * Records, before anything is sent to the DC, that the write is about to happen. LDAP has no
	 * transactions to share with the audit table, so this is what keeps the portal fail-closed: if the
	 * intent cannot be recorded, the exception stops the write.
	 */
	void intent(String action, String dn, Map<String, ?> details) {
		this.trail.record(AuditEvent.of(action + ".intent", dn, AuditOutcome.SUCCESS).withDetails(details));
	}

	/** Records the step's result (created, unchanged, drift, deleted) and returns it. */
	EnsureResult record(String action, EnsureResult result, Map<String, ?> details) {
		Map<String, Object> all = new LinkedHashMap<>(details);
		all.put("result", result.outcome().name());
		if (result.objectGuid() != null) {
			all.put("objectGuid", result.objectGuid().toString());
		}
		if (!result.drift().isEmpty()) {
			all.put("drift", result.drift());
		}
		if (!result.warnings().isEmpty()) {
			all.put("warnings", result.warnings());
		}
		this.trail.record(AuditEvent.of(action, result.distinguishedName(), AuditOutcome.SUCCESS).withDetails(all));
		return result;
	}

	/** Records a refused or failed step and returns the exception to throw, message translated. */
	DirectoryException failure(String action, String dn, String message, Map<String, ?> details,
			NamingException cause) {
		Map<String, Object> all = new LinkedHashMap<>(details);
		all.put("error", message);
		AuditOutcome outcome = (Ldap.resultCode(cause) == WriteErrors.INSUFFICIENT_ACCESS) ? AuditOutcome.DENIED
				: AuditOutcome.FAILURE;
		this.trail.record(AuditEvent.of(action, dn, outcome).withDetails(all));
		return new DirectoryException(message, cause);
	}

	/** Records a step refused before anything was sent to the DC. */
	DirectoryException refused(String action, String dn, String message, Map<String, ?> details) {
		Map<String, Object> all = new LinkedHashMap<>(details);
		all.put("error", message);
		this.trail.record(AuditEvent.of(action, dn, AuditOutcome.FAILURE).withDetails(all));
		return new DirectoryException(message);
	}

}
