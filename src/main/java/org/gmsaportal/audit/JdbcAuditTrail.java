package org.gmsaportal.audit;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends events to the {@code audit_event} table, chaining each to the one before ({@link ChainAppender}).
 *
 * <p>
 * Inside a transaction the event joins it, so it rolls back together with the change it records (and holds the
 * chain head until that transaction ends). Outside one, the event is its own change: it goes through
 * {@link GroupCommit}, which chains concurrent callers' events in one transaction each batch.
 */
@Component
class JdbcAuditTrail implements AuditTrail {

	private static final int MAX_DETAILS = 16000;

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
		try {
			PendingEvent pending = describe(event);
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

	/** Everything the caller's thread knows (who acts, which request), resolved before another thread writes it. */
	private PendingEvent describe(AuditEvent event) {
		Actor actor = (event.actor() != null) ? event.actor() : CurrentActor.resolve();
		String details = this.json.writeValueAsString(Redaction.redact(event.details()));
		if (details.length() > MAX_DETAILS) {
			details = this.json.writeValueAsString(Map.of("truncated", true, "length", details.length()));
		}
		// A run's events name the run and its ticket themselves; only an HTTP request's id comes from the thread.
		String correlationId = (event.correlationId() != null) ? event.correlationId() : MDC.get(CORRELATION_MDC_KEY);
		return new PendingEvent(clip(actor.name(), 256), actor.kind().name(), String.join(",", actor.roles()),
				clip(actor.sourceAddress(), 64), clip(event.action(), 128), clip(event.target(), 1024),
				event.outcome().name(), details, clip(correlationId, 128), clip(event.ticketRef(), 128));
	}

	private static @Nullable String clip(@Nullable String value, int max) {
		if (value == null) {
			return null;
		}
		return (value.length() <= max) ? value : value.substring(0, max - 1) + "…";
	}

}
