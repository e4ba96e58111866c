package org.gmsaportal.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

import org.gmsaportal.audit.AppendTimings.Phase;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for events recorded outside any transaction: callers queue their events, one of them (the leader)
 * chains everything queued so far in one transaction, and every caller returns only once the transaction holding
 * its event committed.
 *
 * <p>
 * So the head row is locked, moved and committed once per batch instead of once per event, while each caller still
 * sees its own event durable, or a failure, when {@link #write} returns. A batch that cannot be written rolls back
 * whole: its callers all fail, and the next batch chains onto the unchanged head, so no later event ever links past
 * a lost one. Events are chained in the order they were queued.
 *
 * <p>
 * A caller that finds nobody writing writes its batch itself, on its own thread: alone, it waits for no hand-off
 * to another thread and back. Callers that arrive meanwhile queue; when the leader's batch ends it wakes them with
 * their outcome and makes the first still queued the next leader, which writes everything queued by then.
 *
 * <p>
 * A caller may bring a change of its own instead of one event ({@link #write(Change)}): its database work runs in
 * the batch's transaction, on the leader's thread, before the events it reports are chained, so a change and its
 * events commit together or not at all, however many callers share the transaction. A change that fails fails only
 * its caller: the transaction rolls back and the batch is written again without it.
 */
@Component
class GroupCommit implements DisposableBean {

	/** Bounds one transaction; at this size the per-event cost is already the row's own. */
	static final int MAX_BATCH = 256;

	private final ReentrantLock lock = new ReentrantLock();

	/** Events not yet in a batch, oldest first; guarded by {@link #lock}. */
	private final ArrayDeque<Waiter> queue = new ArrayDeque<>();

	/** Whether a caller is leading (writing batches); guarded by {@link #lock}. */
	private boolean leading;

	private final ChainAppender appender;

	private final TransactionTemplate transactions;

	private final AppendTimings timings;

	private volatile boolean writing;

	private volatile boolean stopped;

	GroupCommit(ChainAppender appender, PlatformTransactionManager transactionManager, AppendTimings timings) {
		this.appender = appender;
		this.timings = timings;
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Writes the event with whatever else is queued and returns once it committed.
	 * @throws RuntimeException what made the transaction holding the event fail
	 */
	void write(PendingEvent event) {
		write(new Waiter(event, null, System.nanoTime(), new CompletableFuture<>()));
	}

	/**
	 * Makes the change and writes the events it reports with whatever else is queued, in one transaction, and
	 * returns once it committed.
	 * @throws ChangeFailedException what the change threw (its transaction rolled back, the others were written)
	 * @throws RuntimeException what made the transaction holding the change fail
	 */
	void write(Change change) {
		write(new Waiter(null, change, System.nanoTime(), new CompletableFuture<>()));
	}

	private void write(Waiter mine) {
		if (this.stopped) {
			throw new IllegalStateException("the portal is stopping");
		}
		boolean lead;
		this.lock.lock();
		try {
			this.queue.add(mine);
			lead = !this.leading;
			this.leading = true;
		}
		finally {
			this.lock.unlock();
		}
		Outcome outcome = lead ? Outcome.LEAD : mine.outcome().join();
		if (outcome == Outcome.LEAD) {
			outcome = lead();
		}
		else {
			this.timings.add(Phase.WAKE, outcome.at());
		}
		if (outcome.failure() instanceof Error error) {
			throw error;
		}
		if (outcome.failure() instanceof RuntimeException failure) {
			throw failure;
		}
	}

	/** Whether a batch is being written now; with {@link #queued()}, lets tests line callers up. */
	boolean writing() {
		return this.writing;
	}

	/** Events waiting for the next batch. */
	int queued() {
		this.lock.lock();
		try {
			return this.queue.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void destroy() {
		// Events already queued are still written by the leader; only new ones are refused.
		this.stopped = true;
	}

	/**
	 * Writes one batch (the leader's own event first), wakes its other callers, hands the lead on and returns the
	 * leader's outcome. The caller's interrupt is held back meanwhile: the batch is everyone's, not only its own.
	 */
	private Outcome lead() {
		boolean interrupted = Thread.interrupted();
		List<Waiter> batch = new ArrayList<>();
		try {
			this.lock.lock();
			try {
				for (Waiter next; batch.size() < MAX_BATCH && (next = this.queue.poll()) != null;) {
					batch.add(next);
				}
			}
			finally {
				this.lock.unlock();
			}
			Map<Waiter, Outcome> failedAlone = new IdentityHashMap<>();
			Outcome outcome = writeBatch(batch, failedAlone);
			for (int i = 1; i < batch.size(); i++) {
				batch.get(i).outcome().complete(failedAlone.getOrDefault(batch.get(i), outcome));
			}
			return failedAlone.getOrDefault(batch.get(0), outcome);
		}
		finally {
			handOver();
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Writes the batch and returns its outcome; a caller whose change failed is put in {@code failedAlone} with its
	 * own, and the others' changes and events are written again without it.
	 */
	private Outcome writeBatch(List<Waiter> batch, Map<Waiter, Outcome> failedAlone) {
		long start = System.nanoTime();
		batch.forEach(waiter -> this.timings.add(Phase.QUEUED, waiter.queuedAt()));
		this.timings.batch(batch.size());
		this.writing = true;
		try {
			if (batch.stream().allMatch(waiter -> waiter.change() == null)) {
				List<PendingEvent> events = batch.stream().map(Waiter::event).toList();
				if (this.appender.appendAlone(events, start)) {
					return new Outcome(System.nanoTime(), null);
				}
			}
			List<Waiter> remaining = new ArrayList<>(batch);
			while (true) {
				long[] inserted = new long[1];
				try {
					long begun = System.nanoTime();
					this.transactions.executeWithoutResult(
							status -> inserted[0] = append(remaining, this.timings.add(Phase.BEGIN, begun)));
					return new Outcome(this.timings.add(Phase.COMMIT, inserted[0]), null);
				}
				catch (FailedChange failed) {
					// rolled back whole: nothing of it, nor of the others' changes, was kept
					remaining.remove(failed.waiter);
					failedAlone.put(failed.waiter, new Outcome(System.nanoTime(), new ChangeFailedException(
							failed.getCause())));
					if (remaining.isEmpty()) {
						return new Outcome(System.nanoTime(), null);
					}
				}
			}
		}
		catch (RuntimeException | Error ex) {
			return new Outcome(System.nanoTime(), ex);
		}
		finally {
			this.writing = false;
		}
	}

	/** Inside the batch's transaction: each caller's change, then every event in the callers' order. */
	private long append(List<Waiter> batch, long start) {
		List<PendingEvent> events = new ArrayList<>(batch.size());
		boolean changes = false;
		for (Waiter waiter : batch) {
			Change change = waiter.change();
			if (change == null) {
				events.add(Objects.requireNonNull(waiter.event()));
				continue;
			}
			changes = true;
			try {
				events.addAll(change.run());
			}
			catch (RuntimeException | Error ex) {
				throw new FailedChange(waiter, ex);
			}
		}
		long mark = changes ? this.timings.add(Phase.CHANGES, start) : start;
		return events.isEmpty() ? mark : this.appender.append(events, mark);
	}

	/** Makes the oldest queued caller the next leader, or ends leading when nobody is queued. */
	private void handOver() {
		Waiter next;
		this.lock.lock();
		try {
			next = this.queue.peek();
			this.leading = (next != null);
		}
		finally {
			this.lock.unlock();
		}
		if (next != null) {
			next.outcome().complete(Outcome.LEAD);
		}
	}

	/** One caller: an event, or a change. */
	private record Waiter(@Nullable PendingEvent event, @Nullable Change change, long queuedAt,
			CompletableFuture<Outcome> outcome) {
	}

	/** A caller's database work, which returns the events recording it, described on the caller's thread. */
	@FunctionalInterface
	interface Change {

		List<PendingEvent> run();

	}

	/** What a caller's change threw, which failed that caller alone; its cause is the change's own exception. */
	static final class ChangeFailedException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		ChangeFailedException(Throwable cause) {
			super("the change failed", cause);
		}

	}

	/** Rolls the batch's transaction back when a change failed, naming whose. */
	private static final class FailedChange extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final transient Waiter waiter;

		FailedChange(Waiter waiter, Throwable cause) {
			super(null, cause, false, false);
			this.waiter = waiter;
		}

	}

	/**
	 * How a caller's batch ended: at when, with what failure (none: committed); or {@link #LEAD}, the caller writes
	 * the next batch itself.
	 */
	private record Outcome(long at, @Nullable Throwable failure) {

		static final Outcome LEAD = new Outcome(0, null);

	}

}
