package org.gmsaportal.audit;

import java.util.Objects;
import java.util.function.Consumer;

import org.springframework.transaction.support.TransactionOperations;

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

	/**
	 * Makes a change and appends the events it reports in one transaction: both are committed, or neither. Called
	 * outside a transaction, the trail may run the change in a transaction it shares with other callers' changes and
	 * events (group commit), so that no caller holds the chain's head while others wait for it; this default, and
	 * any call inside a transaction, runs it in {@code transactions} (joining the caller's).
	 *
	 * <p>
	 * The change may be run more than once, each time in a fresh transaction after the last rolled back (when another
	 * caller's change in the same batch failed): only its database work and its last run's result count, so it must
	 * not do anything outside the database.
	 * @param transactions the caller's transactions
	 * @param change the database work, reporting each event to record to the sink it is given
	 * @return what the change returned
	 * @throws AuditUnavailableException if the events could not be written (the change was rolled back)
	 * @throws RuntimeException what the change threw (it was rolled back, and its events were not written)
	 */
	default <T> T recordWith(TransactionOperations transactions, AuditedChange<T> change) {
		return Objects.requireNonNull(transactions.execute((status) -> change.apply(this::record)));
	}

	/**
	 * Database work that reports the events recording it.
	 * @param <T> what it returns
	 */
	@FunctionalInterface
	interface AuditedChange<T> {

		/**
		 * Does the work.
		 * @param audit where each event to record goes, in order
		 * @return the result, not null
		 */
		T apply(Consumer<AuditEvent> audit);

	}

}
