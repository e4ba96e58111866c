package org.gmsaportal.audit;

/**
 * Records audit events. Call it inside the transaction of the change being recorded: if the event
 * cannot be written, the call throws {@link AuditUnavailableException} and the change must not happen.
 */
public interface AuditTrail {

	/**
	 * Appends one event to the chain. Details whose key names a secret are redacted before storage.
	 * @param event what happened
	 * @throws AuditUnavailableException if the event could not be written
	 */
	void record(AuditEvent event);

}
