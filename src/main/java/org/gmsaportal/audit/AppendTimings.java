package org.gmsaportal.audit;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.stereotype.Component;

/**
 * Where chained appends spend their time, summed since the last {@link #reset}: the P2 benchmark prints it per batch
 * and per event (issue 18, item 4). A few {@link System#nanoTime} calls per batch, so it stays on.
 */
@Component
class AppendTimings {

	/** The parts of an append, in the order they happen. */
	enum Phase {

		/** Per event: from its caller queueing it to its batch starting. */
		QUEUED,

		/** Per batch: a connection and the transaction begun. */
		BEGIN,

		/** Per batch: the callers' own changes made in the batch's transaction ({@link AuditTrail#recordWith}). */
		CHANGES,

		/** Per batch: sequence numbers, times and hashes of the events, and the head's HMAC. */
		CHAIN,

		/** Per batch: moving the head row (which locks it), and reading it first when another writer moved it. */
		HEAD,

		/** Per batch: inserting the rows; on PostgreSQL outside a transaction, with the head's move, committed. */
		INSERT,

		/** Per batch: the commit. */
		COMMIT,

		/** Per event: from its batch ending to its caller running again. */
		WAKE

	}

	private final Map<Phase, LongAdder> nanos = new EnumMap<>(Phase.class);

	private final LongAdder batches = new LongAdder();

	private final LongAdder events = new LongAdder();

	private final LongAdder headReads = new LongAdder();

	AppendTimings() {
		for (Phase phase : Phase.values()) {
			this.nanos.put(phase, new LongAdder());
		}
	}

	/** Adds the time since {@code since} to the phase and returns now, the start of the next one. */
	long add(Phase phase, long since) {
		long now = System.nanoTime();
		this.nanos.get(phase).add(now - since);
		return now;
	}

	void batch(int size) {
		this.batches.increment();
		this.events.add(size);
	}

	void headRead() {
		this.headReads.increment();
	}

	void reset() {
		this.nanos.values().forEach(LongAdder::reset);
		this.batches.reset();
		this.events.reset();
		this.headReads.reset();
	}

	Snapshot snapshot() {
		Map<Phase, Long> sums = new EnumMap<>(Phase.class);
		this.nanos.forEach((phase, sum) -> sums.put(phase, sum.sum()));
		return new Snapshot(this.batches.sum(), this.events.sum(), this.headReads.sum(), sums);
	}

	/**
	 * The sums at one moment.
	 *
	 * @param batches transactions written
	 * @param events events in them
	 * @param headReads batches that had to read the head because another writer had moved it
	 * @param nanos nanoseconds per phase, summed over batches (or over events, for the per-event phases)
	 */
	record Snapshot(long batches, long events, long headReads, Map<Phase, Long> nanos) {

		/** Milliseconds of the phase per batch. */
		double msPerBatch(Phase phase) {
			return (this.batches == 0) ? 0 : this.nanos.get(phase) / 1e6 / this.batches;
		}

		/** Milliseconds of the phase per event. */
		double msPerEvent(Phase phase) {
			return (this.events == 0) ? 0 : this.nanos.get(phase) / 1e6 / this.events;
		}

	}

}
