package org.gmsaportal.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.gmsaportal.audit.AuditTrail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two portal instances over one database, each with its own owner id, executor, heartbeat and recovery, as two
 * processes behind a load balancer would have: one never takes over a run the other is executing, takes it over
 * once the other's heartbeat is stale, and the instance that lost a run can write nothing more to it. The
 * instances are built from the engine's own classes; their heartbeats are called by the test, against a clock the
 * test moves forward by hours instead of sleeping.
 */
abstract class RunInstancesContract extends ProvisioningEngineContract {

	@Autowired
	RunRepository runs;

	@Autowired
	RunAttemptRepository attempts;

	@Autowired
	StepRunner steps;

	@Autowired
	CreationIntents intents;

	@Autowired
	AuditTrail audit;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	PasswordVault vault;

	@Autowired
	RotationSteps rotationSteps;

	@Autowired
	Planner planner;

	@Autowired
	DecommissionPlanner decommissionPlanner;

	private final List<Instance> instances = new ArrayList<>();

	@AfterEach
	void stopInstances() throws InterruptedException {
		for (Instance instance : this.instances) {
			instance.stop();
		}
	}

	@Test
	void anotherInstanceLeavesALiveRunAloneAndInterruptsItOnceItsHeartbeatIsStale() throws Exception {
		Instance a = instance();
		CountDownLatch inGmsaStep = new CountDownLatch(1);
		CountDownLatch dcAnswers = new CountDownLatch(1);
		this.directory.pauseOnce("gmsa", inGmsaStep, dcAnswers);
		Plan plan = a.service.plan(Requests.portable(Requests.freshName()));
		String runId = a.service.start(plan, approve(plan));
		assertThat(inGmsaStep.await(120, TimeUnit.SECONDS)).isTrue();

		// B starts (its start-up recovery runs) while A is in a long step: A's heartbeat is fresh.
		Instance b = instance();
		b.recovery.onStart();
		assertThat(state(runId)).isEqualTo(RunState.RUNNING);
		// Time passes, and A keeps renewing its heartbeat: still A's.
		this.clock.advance(this.settings.staleAfter());
		a.leases.renew();
		assertThat(b.recovery.interruptStaleRuns()).doesNotContain(runId);
		assertThat(state(runId)).isEqualTo(RunState.RUNNING);

		// A stops renewing (hung, or cut off from the database): once stale, B marks the run interrupted.
		heartbeatsGoStale();
		assertThat(b.recovery.interruptStaleRuns()).contains(runId);
		RunView interrupted = this.service.run(runId).orElseThrow();
		assertThat(interrupted.state()).isEqualTo(RunState.INTERRUPTED);
		assertThat(interrupted.failure()).contains(a.leases.owner()).contains("stopped renewing its heartbeat");
		assertThat(interrupted.steps().get(2).state()).isEqualTo(StepState.FAILED);
		assertThat(interrupted.steps().get(2).detail()).isEqualTo(RunRecovery.STOPPED);

		// A's call returns at last: its late step result is refused and A stops, doing nothing more.
		dcAnswers.countDown();
		a.stop();
		RunView after = this.service.run(runId).orElseThrow();
		assertThat(after.state()).isEqualTo(RunState.INTERRUPTED);
		assertThat(stepStates(after).subList(2, 5)).containsExactly(StepState.FAILED, StepState.PENDING,
				StepState.PENDING);
		assertThat(this.directory.calls("user")).isZero();
		assertThat(auditActions(runId)).filteredOn(StepKind.ENSURE_GMSA.auditAction()::equals).hasSize(1);

		// B resumes it and completes it; the gMSA A created counts as this run's (its recorded intent).
		b.service.resume(runId);
		RunView done = awaitState(runId, RunState.SUCCEEDED);
		assertThat(done.steps().get(2).attempts()).isEqualTo(2);
		assertThat(done.steps().get(2).result()).isEqualTo("CREATED");
		assertThat(this.directory.calls("gmsa")).isEqualTo(2);
	}

	@Test
	void anAttemptThatLostItsRunCannotOverwriteTheNewerAttempt() throws Exception {
		Instance a = instance();
		Instance b = instance();
		CountDownLatch aInStep = new CountDownLatch(1);
		CountDownLatch aAnswered = new CountDownLatch(1);
		this.directory.pauseOnce("gmsa", aInStep, aAnswered);
		Plan plan = a.service.plan(Requests.domainJoined(Requests.freshName()));
		String runId = a.service.start(plan, approve(plan));
		assertThat(aInStep.await(120, TimeUnit.SECONDS)).isTrue();
		heartbeatsGoStale();
		assertThat(b.recovery.interruptStaleRuns()).contains(runId);

		CountDownLatch bInStep = new CountDownLatch(1);
		CountDownLatch bAnswered = new CountDownLatch(1);
		this.directory.pauseOnce("gmsa", bInStep, bAnswered);
		b.service.resume(runId);
		assertThat(bInStep.await(120, TimeUnit.SECONDS)).isTrue();

		// Attempt 2 (B's) runs the gMSA step; attempt 1 (A's) is refused every write, even a heartbeat.
		RunLease first = new RunLease(runId, a.leases.owner(), 1);
		RunLease second = new RunLease(runId, b.leases.owner(), 2);
		this.transactions.executeWithoutResult((tx) -> {
			assertThat(this.attempts.hold(first, this.clock.instant())).isFalse();
			assertThat(this.attempts.stepStarted(first, 3)).isFalse();
			assertThat(this.attempts.stepFinished(first, 2, StepState.SUCCEEDED, "CREATED", "late", null)).isFalse();
			assertThat(this.attempts.finish(first, RunState.FAILED, "late")).isFalse();
			assertThat(this.attempts.hold(second, this.clock.instant())).isTrue();
		});
		assertThat(a.recovery.interruptOwn(first, "late")).isFalse();
		// Nor can a "same owner, old attempt" write, as a resume by the same instance would leave it.
		assertThat(b.recovery.interruptOwn(new RunLease(runId, b.leases.owner(), 1), "late")).isFalse();
		RunView running = this.service.run(runId).orElseThrow();
		assertThat(running.state()).isEqualTo(RunState.RUNNING);
		assertThat(running.steps().get(2).state()).isEqualTo(StepState.RUNNING);
		assertThat(running.steps().get(2).attempts()).isEqualTo(2);

		aAnswered.countDown();
		a.stop();
		assertThat(state(runId)).isEqualTo(RunState.RUNNING);
		bAnswered.countDown();
		RunView done = awaitState(runId, RunState.SUCCEEDED);
		assertThat(stepStates(done)).doesNotContain(StepState.FAILED, StepState.RUNNING, StepState.PENDING);
		assertThat(auditActions(runId)).containsOnlyOnce("provisioning.run.succeeded", "provisioning.run.interrupted");
	}

	@Test
	void aShutdownLetsTheStepInFlightEndThenHandsTheRunBackBeforeTheNextStep() throws Exception {
		Instance a = instance();
		CountDownLatch inGmsaStep = new CountDownLatch(1);
		CountDownLatch dcAnswers = new CountDownLatch(1);
		this.directory.pauseOnce("gmsa", inGmsaStep, dcAnswers);
		Plan plan = a.service.plan(Requests.portable(Requests.freshName()));
		String runId = a.service.start(plan, approve(plan));
		assertThat(inGmsaStep.await(120, TimeUnit.SECONDS)).isTrue();

		ExecutorService shutdown = Executors.newSingleThreadExecutor();
		try {
			Future<?> stopped = shutdown.submit(a.recovery::onStop);
			// The gMSA write is in flight: the run is not handed back yet, or a resume could run the step twice.
			assertThatThrownBy(() -> stopped.get(1, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
			assertThat(state(runId)).isEqualTo(RunState.RUNNING);
			dcAnswers.countDown();
			stopped.get(120, TimeUnit.SECONDS);
		}
		finally {
			shutdown.shutdownNow();
		}
		RunView after = this.service.run(runId).orElseThrow();
		assertThat(after.state()).isEqualTo(RunState.INTERRUPTED);
		assertThat(after.failure()).isEqualTo(RunRecovery.SHUT_DOWN);
		assertThat(stepStates(after).subList(2, 5)).containsExactly(StepState.SUCCEEDED, StepState.PENDING,
				StepState.PENDING);

		// Nothing of it is in flight any more: another instance resumes it at once and completes it.
		instance().service.resume(runId);
		assertThat(awaitState(runId, RunState.SUCCEEDED).steps().get(2).attempts()).isEqualTo(1);
	}

	private RunState state(String runId) {
		return this.service.run(runId).orElseThrow().state();
	}

	/** An instance as another portal process would have one: its own owner id, threads, heartbeat and recovery. */
	private Instance instance() {
		ExecutorService threads = Executors.newSingleThreadExecutor();
		RunLeases leases = new RunLeases(this.attempts, this.transactions, this.clock, this.settings);
		RunRecovery recovery = new RunRecovery(this.runs, this.attempts, this.audit, this.transactions, leases);
		ApplicationEventPublisher noListeners = (event) -> {
		};
		RunExecutor executor = new RunExecutor(this.runs, this.attempts, this.steps, this.rotationSteps, this.intents,
				this.audit, this.transactions, threads::execute, this.vault, leases, recovery, noListeners,
				RunMetrics.unobserved());
		ProvisioningService service = new ProvisioningService(this.planner, this.decommissionPlanner, this.runs,
				executor, this.audit, this.transactions, this.vault, leases, noListeners);
		Instance instance = new Instance(leases, recovery, service, threads);
		this.instances.add(instance);
		return instance;
	}

	record Instance(RunLeases leases, RunRecovery recovery, ProvisioningService service, ExecutorService threads) {

		/** Lets the instance's run thread finish what it is doing, as a process winding down would. */
		void stop() throws InterruptedException {
			this.threads.shutdown();
			assertThat(this.threads.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
		}

	}

}
