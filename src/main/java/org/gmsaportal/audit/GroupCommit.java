package org.gmsaportal.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for events recorded outside any transaction: callers queue their events, one writer thread chains
 * everything queued so far in one transaction, and every caller returns only once the transaction holding its event
 * committed.
 *
 * <p>
 * So the head row is locked, moved and committed once per batch instead of once per event, while each caller still
 * sees its own event durable, or a failure, when {@link #write} returns. A batch that cannot be written rolls back
 * whole: its callers all fail, and the next batch chains onto the unchanged head, so no later event ever links past
 * a lost one. Events are chained in the order they were queued. One thread writes (rather than whichever caller
 * holds a lock) so that the callers of a batch all wake at once, not one after another through the lock.
 */
@Component
class GroupCommit implements DisposableBean {

	/** Bounds one transaction; at this size the per-event cost is already the row's own. */
	static final int MAX_BATCH = 256;

	private final LinkedBlockingQueue<Waiter> queue = new LinkedBlockingQueue<>();

	private final ChainAppender appender;

	private final TransactionTemplate transactions;

	private @Nullable Thread writer;

	private volatile boolean writing;

	private volatile boolean stopped;

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
		startWriter();
		this.queue.add(mine);
		if (this.stopped) {
			failRemaining();
		}
		try {
			mine.result.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
	}

	/** Whether a batch is being written now; with {@link #queued()}, lets tests line callers up. */
	boolean writing() {
		return this.writing;
	}

	/** Events waiting for the next batch. */
	int queued() {
		return this.queue.size();
	}

	@Override
	public synchronized void destroy() {
		this.stopped = true;
		if (this.writer != null) {
			this.writer.interrupt();
		}
		failRemaining();
	}

	private synchronized void startWriter() {
		if (this.writer == null && !this.stopped) {
			Thread thread = new Thread(this::run, "audit-group-commit");
			thread.setDaemon(true);
			thread.start();
			this.writer = thread;
		}
	}

	private void run() {
		while (!this.stopped) {
			List<Waiter> batch = new ArrayList<>();
			try {
				batch.add(this.queue.take());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			this.queue.drainTo(batch, MAX_BATCH - 1);
			this.writing = true;
			try {
				List<PendingEvent> events = batch.stream().map(Waiter::event).toList();
				this.transactions.executeWithoutResult(status -> this.appender.append(events));
				batch.forEach(waiter -> waiter.result.complete(null));
			}
			catch (RuntimeException | Error ex) {
				// The writer lives on: a database that refuses now may answer again for the next batch.
				batch.forEach(waiter -> waiter.result.completeExceptionally(ex));
			}
			finally {
				this.writing = false;
			}
		}
		failRemaining();
	}

	private void failRemaining() {
		for (Waiter waiter; (waiter = this.queue.poll()) != null;) {
			waiter.result.completeExceptionally(new IllegalStateException("the portal is stopping"));
		}
	}

	private record Waiter(PendingEvent event, CompletableFuture<@Nullable Void> result) {

		Waiter(PendingEvent event) {
			this(event, new CompletableFuture<>());
		}

	}

}
