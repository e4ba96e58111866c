package org.gmsaportal.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One gMSA name per domain at a time, held by the database's primary key on the claim table, so it also holds
 * across portal instances.
 */
abstract class NameClaimContract extends ProvisioningEngineContract {

	@Test
	void secondRunForAClaimedNameIsRefusedUntilTheFirstIsAbandoned() {
		ProvisioningRequest request = Requests.domainJoined(Requests.freshName());
		this.directory.failOnce("group", new IllegalStateException("group creation denied: grant the portal's account"));
		String first = startApproved(request);
		awaitState(first, RunState.FAILED);

		assertThatThrownBy(() -> startApproved(request)).isInstanceOfSatisfying(NameInUseException.class,
				(ex) -> assertThat(ex.holderRunId()).isEqualTo(first))
			.hasMessage("gMSA " + request.gmsaName() + " in domain contoso.com is already being provisioned or removed by run "
					+ first + " (FAILED): wait for it to finish, or resume or abandon it, before starting another run for this name.");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'provisioning.run.refused' AND target = ?")
			.param(request.gmsaName() + "@contoso.com").query(Long.class).single()).isEqualTo(1);

		this.service.abandon(first, "replaced by a new run");
		assertThat(this.service.run(first).orElseThrow().state()).isEqualTo(RunState.ABANDONED);
		String second = startApproved(request);
		awaitState(second, RunState.SUCCEEDED);
		assertThat(auditActions(first)).contains("provisioning.run.abandoned");
		assertThat(this.service.runs(new RunFilter(null, request.gmsaName().toUpperCase(), null), 10))
			.extracting(RunView::id, RunView::state)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(second, RunState.SUCCEEDED),
					org.assertj.core.groups.Tuple.tuple(first, RunState.ABANDONED));
		assertThat(this.service.runs(new RunFilter(RunState.ABANDONED, request.gmsaName(), null), 10))
			.extracting(RunView::id).containsExactly(first);
		// The run keeps the request as planned: the same, with every OU the plan filled in.
		assertThat(this.service.request(first).withPlacement(null)).isEqualTo(request);
		assertThat(this.service.request(first).where().gmsaOu()).isEqualTo("CN=Managed Service Accounts,DC=contoso,DC=com");
	}

	@Test
	void aSucceededRunReleasesTheClaimButStillOwnsTheName() {
		ProvisioningRequest request = Requests.domainJoined(Requests.freshName());
		String first = startApproved(request);
		awaitState(first, RunState.SUCCEEDED);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM provisioning_claim WHERE run_id = ?").param(first)
			.query(Long.class).single()).isZero();
		// A second request for the name is refused, naming the run that owns it: it would only muddle ownership.
		Plan again = this.service.plan(request);
		assertThat(again.blockers()).singleElement().satisfies((b) -> assertThat(b.runId()).isEqualTo(first));
		assertThatThrownBy(() -> this.service.start(again, approve(again)))
			.isInstanceOf(ProvisioningRefusedException.class)
			.hasMessageContaining("belongs to portal run " + first + " (SUCCEEDED");
	}

	@Test
	void theClaimRefusesASecondStartWhileARunOfTheNameIsRunning() throws Exception {
		ProvisioningRequest request = Requests.domainJoined(Requests.freshName());
		// Held in its first step, the run stays RUNNING.
		java.util.concurrent.CountDownLatch inStep = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
		this.directory.pauseOnce("kds", inStep, answer);
		String running = startApproved(request);
		assertThat(inStep.await(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		try {
			assertThatThrownBy(() -> startApproved(request)).isInstanceOfSatisfying(NameInUseException.class,
					(ex) -> assertThat(ex.holderRunId()).isEqualTo(running))
				.hasMessageContaining("(RUNNING)");
		}
		finally {
			answer.countDown();
		}
		awaitState(running, RunState.SUCCEEDED);
	}

	@Test
	void aRequestKeyStartsOneRunEvenAfterThatRunEndedAndReleasedTheName() {
		ProvisioningRequest request = Requests.domainJoined(Requests.freshName());
		Plan plan = this.service.plan(request);
		String key = java.util.UUID.randomUUID().toString();
		String first = this.service.start(plan, approve(plan), key);
		awaitState(first, RunState.SUCCEEDED);
		// The claim is gone with the run's end; the key is what stops the second submission.
		assertThatThrownBy(() -> this.service.start(plan, approve(plan), key))
			.isInstanceOfSatisfying(RunAlreadyStartedException.class, (ex) -> assertThat(ex.runId()).isEqualTo(first))
			.hasMessage("This approval was already submitted and started run " + first + "; no second run was started.");
		assertThat(this.service.runStartedWith(key)).contains(first);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM provisioning_run WHERE gmsa_name = ?")
			.param(request.gmsaName()).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void theSameRequestKeyTwiceAtOnceStartsOneRunAndNamesItToTheOther() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			ProvisioningRequest request = Requests.domainJoined(Requests.freshName());
			Plan plan = this.service.plan(request);
			String key = java.util.UUID.randomUUID().toString();
			CyclicBarrier together = new CyclicBarrier(2);
			List<Future<String>> starts = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				starts.add(threads.submit(() -> {
					together.await();
					return this.service.start(plan, approve(plan), key);
				}));
			}
			List<String> started = new ArrayList<>();
			List<Throwable> refused = new ArrayList<>();
			for (Future<String> start : starts) {
				try {
					started.add(start.get());
				}
				catch (java.util.concurrent.ExecutionException ex) {
					refused.add(ex.getCause());
				}
			}
			assertThat(started).hasSize(1);
			// The loser waits on the winner's claim row, then finds the run its key started.
			assertThat(refused).singleElement().isInstanceOfSatisfying(RunAlreadyStartedException.class,
					(ex) -> assertThat(ex.runId()).isEqualTo(started.get(0)));
			awaitState(started.get(0), RunState.SUCCEEDED);
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void aStartWhoseWorldARunningRunChangedIsToldAboutThatRunNotAboutAChangedPlan() throws Exception {
		ProvisioningRequest request = Requests.domainJoined(Requests.freshName());
		Plan plan = this.service.plan(request);
		java.util.concurrent.CountDownLatch inStep = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
		this.directory.pauseOnce("gmsa", inStep, answer);
		String running = this.service.start(plan, approve(plan));
		assertThat(inStep.await(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		try {
			// The group exists now, so the plan approved before differs from the live one.
			assertThat(this.service.plan(request).hash()).isNotEqualTo(plan.hash());
			assertThatThrownBy(() -> this.service.start(plan, approve(plan)))
				.isInstanceOfSatisfying(NameInUseException.class,
						(ex) -> assertThat(ex.holderRunId()).isEqualTo(running))
				.hasMessageContaining("(RUNNING)");
		}
		finally {
			answer.countDown();
		}
		awaitState(running, RunState.SUCCEEDED);
		// Once the name is free, the stale approval is refused for what it is.
		assertThatThrownBy(() -> this.service.start(plan, approve(plan)))
			.isInstanceOf(ApprovalMismatchException.class)
			.hasMessageContaining("The plan changed since it was approved");
	}

	@Test
	void namesCompareCaseInsensitively() {
		ProvisioningRequest request = Requests.domainJoined(Requests.freshName());
		this.directory.failOnce("gmsa", new IllegalStateException("stop here"));
		String first = startApproved(request);
		awaitState(first, RunState.FAILED);
		assertThatThrownBy(() -> startApproved(Requests.domainJoined(request.gmsaName().toUpperCase())))
			.isInstanceOf(NameInUseException.class);
		this.service.abandon(first, "test done");
	}

	@Test
	void concurrentRunsForTheSameNameOneProceedsTheOtherIsRefused() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 5; round++) {
				ProvisioningRequest request = Requests.domainJoined(Requests.freshName());
				Plan plan = this.service.plan(request);
				// The winner holds in its gMSA step, after its group exists, so that it is still RUNNING however slowly
				// the loser gets to its checks: the loser sees either the same plan or a changed one, never a finished run.
				java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
				this.directory.pauseOnce("gmsa", new java.util.concurrent.CountDownLatch(1), release);
				CyclicBarrier together = new CyclicBarrier(2);
				List<Future<String>> starts = new ArrayList<>();
				for (int i = 0; i < 2; i++) {
					starts.add(threads.submit(() -> {
						together.await();
						return this.service.start(plan, approve(plan));
					}));
				}
				List<String> started = new ArrayList<>();
				List<Throwable> refused = new ArrayList<>();
				for (Future<String> start : starts) {
					try {
						started.add(start.get());
					}
					catch (java.util.concurrent.ExecutionException ex) {
						refused.add(ex.getCause());
					}
				}
				release.countDown();
				assertThat(started).as("round %d", round).hasSize(1);
				assertThat(refused).singleElement().isInstanceOf(NameInUseException.class);
				assertThat(((NameInUseException) refused.get(0)).holderRunId()).isEqualTo(started.get(0));
				assertThat(this.jdbc.sql("SELECT COUNT(*) FROM provisioning_run WHERE gmsa_name = ?")
					.param(request.gmsaName()).query(Long.class).single()).isEqualTo(1);
				awaitState(started.get(0), RunState.SUCCEEDED);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

}
