package org.gmsaportal.audit;

/**
 * The audit trail could not record an event, so the action it describes must not happen.
 */
public class AuditUnavailableException extends RuntimeException {

	public AuditUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
