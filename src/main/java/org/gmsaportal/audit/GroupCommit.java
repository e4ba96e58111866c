package org.gmsaportal.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for events recorded outside any transaction: concurrent callers queue their events, one of them at
 * a time (the one holding the writer lock) chains everything queued so far in one transaction, and every caller
 * returns only once the transaction holding its event committed.
 *
 * <p>
 * So the head row is locked, moved and committed once per batch instead of once per event, while each caller
 * still sees its own event durable, or a failure, when {@link #write} returns. A batch that cannot be written
 * rolls back whole: its callers all fail, and the next batch chains onto the unchanged head, so no later event
 * ever links past a lost one. Events are chained in the order they were queued.
 */
@Component
class GroupCommit {

	/** Bounds one transaction; at this size the per-event cost is already the row's own. */
	static final int MAX_BATCH = 256;

	private final ConcurrentLinkedQueue<Waiter> queue = new ConcurrentLinkedQueue<>();

	private final ReentrantLock writer = new ReentrantLock();

	private final ChainAppender appender;

	private final TransactionTemplate transactions;

	GroupCommit(ChainAppender appender, PlatformTransactionManager transactionManager) {
		this.appender = appender;
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Writes the event with whatever else is queued and returns once it committed.
	 * @throws RuntimeException what made the transaction holding the event fail
	 */
	void write(PendingEvent event) {
		Waiter mine = new Waiter(event);
		this.queue.add(mine);
		this.writer.lock();
		try {
			// Whoever holds the lock writes for everyone queued; mine may already have gone with an earlier batch.
			while (!mine.done) {
				writeBatch();
			}
		}
		finally {
			this.writer.unlock();
		}
		if (mine.failure != null) {
			throw mine.failure;
		}
	}

	/** Whether a caller is writing a batch now; with {@link #queued()}, lets tests line callers up. */
	boolean writing() {
		return this.writer.isLocked();
	}

	/** Events waiting for the next batch. */
	int queued() {
		return this.queue.size();
	}

	private void writeBatch() {
		List<Waiter> batch = new ArrayList<>();
		for (Waiter next; batch.size() < MAX_BATCH && (next = this.queue.poll()) != null;) {
			batch.add(next);
		}
		List<PendingEvent> events = batch.stream().map(Waiter::event).toList();
		RuntimeException failure = null;
		try {
			this.transactions.executeWithoutResult(status -> this.appender.append(events));
		}
		catch (RuntimeException ex) {
			failure = ex;
		}
		for (Waiter waiter : batch) {
			waiter.failure = failure;
			waiter.done = true;
		}
	}

	/** One caller's event and, once its batch ended, how. Read and written under the writer lock. */
	private static final class Waiter {

		private final PendingEvent event;

		private boolean done;

		private @Nullable RuntimeException failure;

		Waiter(PendingEvent event) {
			this.event = event;
		}

		PendingEvent event() {
			return this.event;
		}

	}

}
