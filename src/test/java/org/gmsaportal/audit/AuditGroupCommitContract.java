package org.gmsaportal.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Group commit (issue 18, item 4): events recorded outside a transaction by concurrent callers are chained a batch
 * per transaction. Run on each database by the subclasses of this contract.
 */
abstract class AuditGroupCommitContract extends AuditedChangeContract {

	@Autowired
	GroupCommit groupCommit;

	@Test
	void concurrentCallersEachKeepTheirOrderInAGaplessChainThatVerifies() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> callers = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				String caller = "caller-" + t;
				callers.add(pool.submit(() -> {
					for (int i = 0; i < 25; i++) {
						this.trail.record(AuditEvent.of("test.order", caller, AuditOutcome.SUCCESS)
							.withDetails(Map.of("i", i)));
					}
				}));
			}
			for (Future<?> caller : callers) {
				caller.get();
			}
		}
		finally {
			pool.shutdown();
		}
		List<AuditRow> rows = rows();
		assertThat(rows).extracting(AuditRow::seq)
			.containsExactlyElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
		for (int t = 0; t < 8; t++) {
			String caller = "caller-" + t;
			assertThat(rows.stream().filter(row -> row.target().equals(caller)).map(AuditRow::details))
				.as("the events of %s, in chain order", caller)
				.containsExactlyElementsOf(LongStream.range(0, 25).mapToObj(i -> "{\"i\":" + i + "}").toList());
		}
		assertThat(this.log.verify().intact()).isTrue();
	}

	@Test
	void aBatchThatCannotBeWrittenFailsAllItsCallersAndTheChainGoesOnIntact() throws Exception {
		recordEvents(2);
		// A rule the database enforces stands in for any write the database refuses.
		this.jdbc.sql("ALTER TABLE audit_event ADD CONSTRAINT audit_event_test_refuse CHECK (target <> 'refused')")
			.update();
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			CountDownLatch held = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			// Holding the chain head makes the first caller wait in the database with a batch of its own event,
			// while the next four queue up behind it and so go together in the batch after.
			Future<?> holder = pool.submit(() -> this.transactions.executeWithoutResult(status -> {
				this.jdbc.sql("SELECT seq FROM audit_chain_head WHERE id = 1 FOR UPDATE").query(Long.class).single();
				held.countDown();
				await(release);
			}));
			await(held);
			Future<?> first = pool.submit(() -> record("first"));
			waitFor(() -> this.groupCommit.writing() && this.groupCommit.queued() == 0);
			List<Future<?>> batch = new ArrayList<>();
			for (String target : List.of("second", "refused", "fourth", "fifth")) {
				batch.add(pool.submit(() -> record(target)));
			}
			waitFor(() -> this.groupCommit.queued() == 4);
			release.countDown();
			holder.get();
			first.get();
			for (Future<?> caller : batch) {
				assertThatThrownBy(caller::get).as("every caller of the refused batch fails")
					.hasCauseInstanceOf(AuditUnavailableException.class);
			}
		}
		finally {
			pool.shutdown();
			this.jdbc.sql("ALTER TABLE audit_event DROP CONSTRAINT audit_event_test_refuse").update();
		}
		record("after");
		assertThat(rows()).extracting(AuditRow::seq, AuditRow::target)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "target-0"),
					org.assertj.core.groups.Tuple.tuple(2L, "target-1"),
					org.assertj.core.groups.Tuple.tuple(3L, "first"), org.assertj.core.groups.Tuple.tuple(4L, "after"));
		assertThat(this.log.verify().intact()).isTrue();
	}

	@Test
	void anEventThatDoesNotFitItsColumnsIsFittedOrFailsAloneAndNeverFailsTheBatchItJoins() throws Exception {
		recordEvents(1);
		ExecutorService pool = Executors.newFixedThreadPool(6);
		String nulAndLoneSurrogate = "nul" + (char) 0 + "and" + (char) 0xD800 + "lone";
		try {
			CountDownLatch held = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			Future<?> holder = pool.submit(() -> this.transactions.executeWithoutResult(status -> {
				this.jdbc.sql("SELECT seq FROM audit_chain_head WHERE id = 1 FOR UPDATE").query(Long.class).single();
				held.countDown();
				await(release);
			}));
			await(held);
			Future<?> first = pool.submit(() -> record("first"));
			waitFor(() -> this.groupCommit.writing() && this.groupCommit.queued() == 0);
			List<Future<?>> batch = new ArrayList<>();
			batch.add(pool.submit(() -> record("second")));
			waitFor(() -> this.groupCommit.queued() == 1);
			// 600 characters of roles: actor_roles holds 512.
			batch.add(pool.submit(() -> this.trail.record(AuditEvent.of("test.batch", "roles", AuditOutcome.SUCCESS)
				.withActor(new Actor("someone", ActorKind.PERSON, List.of("R".repeat(600)), null)))));
			waitFor(() -> this.groupCommit.queued() == 2);
			batch.add(pool.submit(() -> record(nulAndLoneSurrogate)));
			waitFor(() -> this.groupCommit.queued() == 3);
			batch.add(pool.submit(() -> record("t".repeat(2000))));
			waitFor(() -> this.groupCommit.queued() == 4);
			assertThatThrownBy(() -> this.trail.record(AuditEvent.of(" ", "blank action", AuditOutcome.SUCCESS)))
				.as("an event that cannot be fitted fails its own caller at once, before it joins a batch")
				.isInstanceOf(AuditUnavailableException.class)
				.hasMessageContaining("audit event field 'action' must not be blank");
			release.countDown();
			holder.get();
			first.get();
			for (Future<?> caller : batch) {
				caller.get();
			}
		}
		finally {
			pool.shutdown();
		}
		List<AuditRow> rows = rows();
		assertThat(rows).extracting(AuditRow::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
		assertThat(rows.get(3).actorRoles()).hasSize(512).startsWith("RRR").endsWith("…");
		assertThat(rows.get(4).target()).isEqualTo("nul\uFFFDand\uFFFDlone");
		assertThat(rows.get(5).target()).hasSize(1024).endsWith("t…");
		assertThat(this.log.verify().intact()).isTrue();
	}

	private void record(String target) {
		this.trail.record(AuditEvent.of("test.batch", target, AuditOutcome.SUCCESS));
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void waitFor(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waited 10 s for the callers to line up").isLessThan(deadline);
			Thread.sleep(5);
		}
	}

}
