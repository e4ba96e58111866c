package org.gmsaportal.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends events to the {@code audit_event} table, chaining each to the one before ({@link ChainAppender}).
 *
 * <p>
 * Inside a transaction the event joins it, so it rolls back together with the change it records (and holds the
 * chain head until that transaction ends). Outside one, the event is its own change: it goes through
 * {@link GroupCommit}, which chains concurrent callers' events in one transaction each batch; so does a change
 * made through {@link #recordWith} outside a transaction, with its events, in the batch's transaction.
 */
@Component
class JdbcAuditTrail implements AuditTrail {

	private final ChainAppender appender;

	private final GroupCommit groupCommit;

	private final JsonMapper json = JsonMapper.builder().build();

	private final AuditWriteStatus writes;

	JdbcAuditTrail(ChainAppender appender, GroupCommit groupCommit, AuditWriteStatus writes) {
		this.appender = appender;
		this.groupCommit = groupCommit;
		this.writes = writes;
	}

	@Override
	public void record(AuditEvent event) {
		PendingEvent pending = describe(event);
		try {
			if (TransactionSynchronizationManager.isActualTransactionActive()) {
				this.appender.append(List.of(pending));
			}
			else {
				this.groupCommit.write(pending);
			}
			this.writes.succeeded();
		}
		catch (DataAccessException | TransactionException | IllegalStateException ex) {
			this.writes.failed(ex);
			throw new AuditUnavailableException(
					"The audit trail cannot be written, so '" + event.action() + "' was not carried out", ex);
		}
	}

	/**
	 * Outside a transaction, the change joins a group commit batch: it and its events commit in the batch's
	 * transaction, so the change never holds the chain's head while other callers wait for it (50 concurrent API
	 * filings each waited 2 s for the head, each holding it in turn to its commit). The trail is not weakened:
	 * the change and its events still commit together or not at all. The caller's actor and correlation id are
	 * taken here, on its thread, since the change runs on the thread leading the batch.
	 */
	@Override
	public <T> T recordWith(TransactionOperations transactions, AuditedChange<T> change) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return AuditTrail.super.recordWith(transactions, change);
		}
		Actor actor = CurrentActor.resolve();
		String correlationId = MDC.get(CORRELATION_MDC_KEY);
		AtomicReference<@Nullable T> result = new AtomicReference<>();
		try {
			this.groupCommit.write(() -> {
				List<PendingEvent> events = new ArrayList<>();
				result.set(change.apply((event) -> events.add(describe(event, actor, correlationId))));
				return events;
			});
			this.writes.succeeded();
		}
		catch (GroupCommit.ChangeFailedException ex) {
			// the change's own failure (a constraint it broke, an event it could not describe): not the trail's
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw (RuntimeException) Objects.requireNonNull(ex.getCause());
		}
		catch (DataAccessException | TransactionException | IllegalStateException ex) {
			this.writes.failed(ex);
			throw new AuditUnavailableException("The audit trail cannot be written, so the change was not carried out",
					ex);
		}
		return Objects.requireNonNull(result.get());
	}

	private PendingEvent describe(AuditEvent event) {
		return describe(event, null, MDC.get(CORRELATION_MDC_KEY));
	}

	/**
	 * Everything the caller's thread knows (who acts, which request), resolved before another thread writes it, and
	 * fitted to the columns so that it cannot fail the batch it joins ({@link EventColumns}). An event that cannot be
	 * fitted fails alone, as an audit failure (so the action is not carried out), without marking the trail unhealthy.
	 */
	private PendingEvent describe(AuditEvent event, @Nullable Actor callers, @Nullable String callersCorrelation) {
		try {
			Actor actor = (event.actor() != null) ? event.actor()
					: (callers != null) ? callers : CurrentActor.resolve();
			// A run's events name the run and its ticket; only an HTTP request's id comes from the thread.
			String correlationId = (event.correlationId() != null) ? event.correlationId() : callersCorrelation;
			return new PendingEvent(EventColumns.required("actor", actor.name(), EventColumns.ACTOR, false),
					EventColumns.required("actorKind", name(actor.kind()), EventColumns.KIND, false),
					EventColumns.required("actorRoles", String.join(",", actor.roles()), EventColumns.ACTOR_ROLES,
							true),
					EventColumns.optional(actor.sourceAddress(), EventColumns.SOURCE_ADDRESS),
					EventColumns.required("action", event.action(), EventColumns.ACTION, false),
					EventColumns.required("target", event.target(), EventColumns.TARGET, true),
					EventColumns.required("outcome", name(event.outcome()), EventColumns.KIND, false), details(event),
					EventColumns.optional(correlationId, EventColumns.CORRELATION_ID),
					EventColumns.optional(event.ticketRef(), EventColumns.TICKET_REF));
		}
		catch (IllegalArgumentException ex) {
			throw new AuditUnavailableException("The audit event for '" + EventColumns.fit(String.valueOf(
					event.action()), EventColumns.ACTION) + "' is invalid (" + ex.getMessage() + "), so it was not "
					+ "carried out", ex);
		}
	}

	/** The redacted details as JSON; when longer than the column, a note of how long they were instead. */
	private String details(AuditEvent event) {
		String details = EventColumns.storable(this.json.writeValueAsString(Redaction.redact(event.details())));
		if (details.length() > EventColumns.DETAILS) {
			return this.json.writeValueAsString(Map.of("truncated", true, "length", details.length()));
		}
		return details;
	}

	private static @Nullable String name(@Nullable Enum<?> value) {
		return (value != null) ? value.name() : null;
	}

}
