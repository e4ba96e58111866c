package org.gmsaportal.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A change made with its events through {@link AuditTrail#recordWith} (issue 18, API filing): outside a transaction
 * it joins a group commit batch, so concurrent changes share one transaction and one move of the chain's head, and
 * still each change commits with its events or not at all. Run on each database by the subclasses.
 */
abstract class AuditedChangeContract extends AuditCheckpointTampering {

	@Autowired
	GroupCommit batches;

	@AfterEach
	void dropChangeTable() {
		this.jdbc.sql("DROP TABLE IF EXISTS audit_test_change").update();
	}

	@Test
	void changesQueuedTogetherCommitWithTheirEventsAndOneThatFailsFailsAloneLeavingNothing() throws Exception {
		recordEvents(1);
		changeTable();
		this.jdbc.sql("INSERT INTO audit_test_change (name) VALUES ('taken')").update();
		List<Future<String>> callers = new ArrayList<>();
		lineUpBehindTheHead(List.of(() -> change("a"), () -> change("b", "taken"), () -> change("c"), () -> {
			record("plain");
			return "plain";
		}), callers);
		assertThat(callers.get(0).get()).isEqualTo("a");
		assertThatThrownBy(() -> callers.get(1).get()).as("the change's own failure, not the trail's")
			.hasCauseInstanceOf(DataIntegrityViolationException.class);
		assertThat(callers.get(2).get()).isEqualTo("c");
		assertThat(callers.get(3).get()).isEqualTo("plain");
		assertThat(this.jdbc.sql("SELECT name FROM audit_test_change ORDER BY name").query(String.class).list())
			.as("the failed change's first insert rolled back with it").containsExactly("a", "c", "taken");
		assertThat(rows()).extracting(AuditRow::seq, AuditRow::target)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "target-0"),
					org.assertj.core.groups.Tuple.tuple(2L, "first"), org.assertj.core.groups.Tuple.tuple(3L, "a"),
					org.assertj.core.groups.Tuple.tuple(4L, "c"), org.assertj.core.groups.Tuple.tuple(5L, "plain"));
		assertThat(this.log.verify().intact()).isTrue();
	}

	@Test
	void aBatchWhoseEventsCannotBeWrittenKeepsNoneOfTheChangesInIt() throws Exception {
		recordEvents(1);
		changeTable();
		// A rule the database enforces stands in for any write the database refuses.
		this.jdbc.sql("ALTER TABLE audit_event ADD CONSTRAINT audit_event_test_refuse CHECK (target <> 'refused')")
			.update();
		List<Future<String>> callers = new ArrayList<>();
		try {
			lineUpBehindTheHead(List.of(() -> change("x"), () -> change("refused"), () -> change("y")), callers);
			for (Future<String> caller : callers) {
				assertThatThrownBy(caller::get).as("fail closed: no change of the batch without its event")
					.hasCauseInstanceOf(AuditUnavailableException.class);
			}
		}
		finally {
			this.jdbc.sql("ALTER TABLE audit_event DROP CONSTRAINT audit_event_test_refuse").update();
		}
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_test_change").query(Long.class).single()).isZero();
		assertThat(change("after")).isEqualTo("after");
		assertThat(rows()).extracting(AuditRow::target).containsExactly("target-0", "first", "after");
		assertThat(this.log.verify().intact()).isTrue();
	}

	@Test
	void insideACallersTransactionTheChangeAndItsEventRollBackWithIt() {
		recordEvents(1);
		changeTable();
		assertThatThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			change("inside");
			throw new IllegalStateException("the caller's own failure");
		})).hasMessage("the caller's own failure");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_test_change").query(Long.class).single()).isZero();
		assertThat(rows()).extracting(AuditRow::target).containsExactly("target-0");
	}

	private void changeTable() {
		this.jdbc.sql("CREATE TABLE audit_test_change (name VARCHAR(64) PRIMARY KEY)").update();
	}

	/** Inserts the names and reports one event, targeting the first name. */
	private String change(String... names) {
		return this.trail.recordWith(this.transactions, (audit) -> {
			for (String name : names) {
				this.jdbc.sql("INSERT INTO audit_test_change (name) VALUES (?)").param(name).update();
			}
			audit.accept(AuditEvent.of("test.change", names[0], AuditOutcome.SUCCESS));
			return names[0];
		});
	}

	private void record(String target) {
		this.trail.record(AuditEvent.of("test.batch", target, AuditOutcome.SUCCESS));
	}

	/**
	 * Holds the chain head so that a caller recording "first" waits in the database with a batch of its own, lines
	 * the callers up behind it in their order, so that they go together in the batch after, and releases the head.
	 */
	private void lineUpBehindTheHead(List<Callable<String>> work, List<Future<String>> callers) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(work.size() + 2);
		try {
			CountDownLatch held = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			Future<?> holder = pool.submit(() -> this.transactions.executeWithoutResult((status) -> {
				this.jdbc.sql("SELECT seq FROM audit_chain_head WHERE id = 1 FOR UPDATE").query(Long.class).single();
				held.countDown();
				awaitLatch(release);
			}));
			awaitLatch(held);
			Future<?> first = pool.submit(() -> record("first"));
			lineUp(() -> this.batches.writing() && this.batches.queued() == 0);
			for (Callable<String> caller : work) {
				int before = this.batches.queued();
				callers.add(pool.submit(caller));
				lineUp(() -> this.batches.queued() == before + 1);
			}
			release.countDown();
			holder.get();
			first.get();
			for (Future<String> caller : callers) {
				try {
					caller.get(30, TimeUnit.SECONDS);
				}
				catch (java.util.concurrent.ExecutionException expected) {
					// each caller's outcome is asserted by the test
				}
			}
		}
		finally {
			pool.shutdown();
		}
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void lineUp(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waited 10 s for the callers to line up").isLessThan(deadline);
			Thread.sleep(5);
		}
	}

}
