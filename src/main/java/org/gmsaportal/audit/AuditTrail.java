package org.gmsaportal.audit;

/**
 * Records audit events. Call it inside the transaction of the change being recorded: if the event
 * cannot be written, the call throws {@link AuditUnavailableException} and the change must not happen.
 */
public interface AuditTrail {

	/**
	 * MDC key of the correlation id an event gets when it names none: the request's, set by the web layer,
	 * or the run's, set by the thread executing it.
	 */
	String CORRELATION_MDC_KEY = "correlationId";

	/** MDC key of the ticket of the run whose thread writes the event, set with the run's correlation id. */
	String TICKET_MDC_KEY = "ticketRef";

	/**
	 * Appends one event to the chain. Details whose key names a secret are redacted before storage.
	 * @param event what happened
	 * @throws AuditUnavailableException if the event could not be written
	 */
	void record(AuditEvent event);

}
