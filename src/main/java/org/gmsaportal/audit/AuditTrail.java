package org.gmsaportal.audit;

/**
 * Records audit events. Call it inside the transaction of the change being recorded: if the event
 * cannot be written, the call throws {@link AuditUnavailableException} and the change must not happen.
 */
public interface AuditTrail {

	/**
	 * MDC key of the correlation id an event gets when it names none: the HTTP request's, set by the web layer.
	 * The thread executing a run sets it too, for log lines; the run's events name the run themselves.
	 */
	String CORRELATION_MDC_KEY = "correlationId";

	/** MDC key of the ticket of the run a thread executes, for log lines only: an event's ticket is what it names. */
	String TICKET_MDC_KEY = "ticketRef";

	/**
	 * Appends one event to the chain. Details whose key names a secret are redacted before storage.
	 * @param event what happened
	 * @throws AuditUnavailableException if the event could not be written
	 */
	void record(AuditEvent event);

}
