package org.gmsaportal.directory;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.naming.NamingException;

import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.audit.AuditUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * Records one audit event per directory step; callers pass only non-secret details. A step of a run names the
 * run, and its events carry the run's id and ticket because the caller passed them, not because of the thread.
 */
record Auditor(AuditTrail trail, @Nullable RunRef run) {

	/** Records the event, tagged with the run it belongs to, if any. */
	void event(AuditEvent event) {
		RunRef run = this.run;
		this.trail.record((run != null) ? event.withCorrelation(run.runId(), run.ticket()) : event);
	}

	/**
	 * Records, before anything is sent to the DC, that the write is about to happen. LDAP has no
	 * transactions to share with the audit table, so this is what keeps the portal fail-closed: if the
	 * intent cannot be recorded, the exception stops the write.
	 */
	void intent(String action, String dn, Map<String, ?> details) {
		event(AuditEvent.of(action + ".intent", dn, AuditOutcome.SUCCESS).withDetails(details));
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
		try {
			event(AuditEvent.of(action, result.distinguishedName(), AuditOutcome.SUCCESS).withDetails(all));
		}
		catch (AuditUnavailableException ex) {
			// The trail's own message says the action "was not carried out", which is false here: the DC has done it.
			throw new AuditUnavailableException(unrecorded(action, result), ex);
		}
		return result;
	}

	/** What is true when the record after a write fails: what the DC did, and how the record is caught up. */
	static String unrecorded(String action, EnsureResult result) {
		boolean changed = switch (result.outcome()) {
			case CREATED, REPAIRED, DELETED -> true;
			case ALREADY_AS_REQUESTED, DRIFT, ALREADY_ABSENT, PLANNED -> false;
		};
		return "'" + action + "' " + (changed ? "was carried out" : "changed nothing") + " (" + result.summary()
				+ "), but its audit record could not be written because the audit trail is not writable. "
				+ "Resume the run once the audit trail is back: the resumed run finds "
				+ (changed ? "the change" : "the object as it is") + " and records it.";
	}

	/** Records a refused or failed step and returns the exception to throw, message translated. */
	DirectoryException failure(String action, String dn, String message, Map<String, ?> details,
			NamingException cause) {
		Map<String, Object> all = new LinkedHashMap<>(details);
		all.put("error", message);
		AuditOutcome outcome = (Ldap.resultCode(cause) == WriteErrors.INSUFFICIENT_ACCESS) ? AuditOutcome.DENIED
				: AuditOutcome.FAILURE;
		event(AuditEvent.of(action, dn, outcome).withDetails(all));
		return new DirectoryException(message, cause);
	}

	/** Records a step refused before anything was sent to the DC. */
	DirectoryException refused(String action, String dn, String message, Map<String, ?> details) {
		Map<String, Object> all = new LinkedHashMap<>(details);
		all.put("error", message);
		event(AuditEvent.of(action, dn, AuditOutcome.FAILURE).withDetails(all));
		return new DirectoryException(message);
	}

}
