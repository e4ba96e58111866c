package org.gmsaportal.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Times each append to the audit trail, and counts the two outcomes the trail is the record of: chain
 * verifications ({@code audit.verify}) and callback deliveries ({@code api.callback.*}). Counted from the events,
 * once appended, so a figure never claims what the trail does not hold.
 */
class MeteredAuditTrail implements AuditTrail {

	static final String APPEND = "gmsa.audit.append";

	static final String VERIFICATIONS = "gmsa.audit.chain.verifications";

	static final String CALLBACKS = "gmsa.callbacks.deliveries";

	private final AuditTrail trail;

	private final ObjectProvider<MeterRegistry> registry;

	MeteredAuditTrail(AuditTrail trail, ObjectProvider<MeterRegistry> registry) {
		this.trail = trail;
		this.registry = registry;
	}

	@Override
	public void record(AuditEvent event) {
		long started = System.nanoTime();
		boolean appended = false;
		try {
			this.trail.record(event);
			appended = true;
		}
		finally {
			timed(started, appended, List.of(event));
		}
	}

	/** Timed as one append: the change joins the batch's transaction, so its wait and commit are the append's. */
	@Override
	public <T> T recordWith(TransactionOperations transactions, AuditedChange<T> change) {
		long started = System.nanoTime();
		boolean appended = false;
		// the events of the change's last run: a run rolled back with another caller's failed change is not counted
		List<AuditEvent> recorded = new CopyOnWriteArrayList<>();
		try {
			T result = this.trail.recordWith(transactions, (audit) -> {
				recorded.clear();
				return change.apply((event) -> {
					audit.accept(event);
					recorded.add(event);
				});
			});
			appended = true;
			return result;
		}
		finally {
			timed(started, appended, recorded);
		}
	}

	private void timed(long started, boolean appended, List<AuditEvent> events) {
		MeterRegistry meters = this.registry.getIfAvailable();
		if (meters != null) {
			Timer.builder(APPEND)
				.description("Appends to the audit chain, including the wait for its lock")
				.tag("outcome", appended ? "success" : "error")
				.register(meters)
				.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
			if (appended) {
				events.forEach((event) -> count(meters, event));
			}
		}
	}

	private static void count(MeterRegistry meters, AuditEvent event) {
		if ("audit.verify".equals(event.action())) {
			Counter.builder(VERIFICATIONS)
				.description("Audit chain verifications by result")
				.tag("result", (event.outcome() == AuditOutcome.SUCCESS) ? "intact" : "broken")
				.register(meters)
				.increment();
		}
		else if (event.action().startsWith("api.callback.")) {
			Counter.builder(CALLBACKS)
				.description("Signed status callback attempts by outcome")
				.tag("outcome", event.action().substring("api.callback.".length()))
				.register(meters)
				.increment();
		}
	}

}
