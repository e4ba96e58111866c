package org.gmsaportal.provisioning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gmsaportal.audit.Actor;
import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.audit.OnBehalfOf;
import org.gmsaportal.directory.Located;
import org.gmsaportal.directory.PlanReads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Executes an attempt of a run, its pending and failed steps in order, in the background. Each state change is
 * written in one transaction with its audit event, so the database never holds a step the audit trail does not
 * show, and only while the attempt still holds the run: an instance that lost it stops without writing.
 */
@Component
class RunExecutor {

	private static final Logger logger = LoggerFactory.getLogger(RunExecutor.class);

	private final RunRepository runs;

	private final RunAttemptRepository attempts;

	private final StepRunner steps;

	private final RotationSteps rotationSteps;

	private final CreationIntents intents;

	private final AuditTrail audit;

	private final TransactionTemplate transactions;

	private final TaskExecutor executor;

	private final PasswordVault vault;

	private final RunLeases leases;

	private final RunRecovery recovery;

	private final ApplicationEventPublisher events;

	private final RunMetrics metrics;

	RunExecutor(RunRepository runs, RunAttemptRepository attempts, StepRunner steps, RotationSteps rotationSteps,
			CreationIntents intents, AuditTrail audit, TransactionTemplate transactions,
			@Qualifier("applicationTaskExecutor") TaskExecutor executor, PasswordVault vault, RunLeases leases,
			RunRecovery recovery, ApplicationEventPublisher events, RunMetrics metrics) {
		this.runs = runs;
		this.attempts = attempts;
		this.steps = steps;
		this.rotationSteps = rotationSteps;
		this.intents = intents;
		this.audit = audit;
		this.transactions = transactions;
		this.executor = executor;
		this.vault = vault;
		this.leases = leases;
		this.recovery = recovery;
		this.events = events;
		this.metrics = metrics;
	}

	/**
	 * Starts executing the attempt on the task executor; call after the transaction that set it running committed.
	 * @param actor whose approval (or resume) started the attempt: every event the attempt causes names them
	 */
	void submit(RunLease lease, Actor actor) {
		submit(lease, actor, PlanReads.NONE);
	}

	/** As above, for a run whose approval's re-plan read {@code planned}: the attempt reuses it under a guard. */
	void submit(RunLease lease, Actor actor, PlanReads planned) {
		// Heartbeats from now on, also while the task waits for a thread.
		this.leases.executing(lease);
		try {
			this.executor.execute(() -> {
				// Only mirrors the run id (and, once execute has loaded the run, its ticket) for log lines: the audit
				// events of the run carry them because the step runner passes them to the directory and cluster.
				MDC.put(AuditTrail.CORRELATION_MDC_KEY, lease.runId());
				try {
					OnBehalfOf.run(actor, () -> execute(lease, planned));
				}
				finally {
					// However the attempt ended, even by an Error: no heartbeat for a run no thread executes.
					this.leases.finished(lease);
					MDC.remove(AuditTrail.CORRELATION_MDC_KEY);
					MDC.remove(AuditTrail.TICKET_MDC_KEY);
				}
			});
		}
		catch (RuntimeException ex) {
			// Shutting down: the run's heartbeat goes stale and recovery marks it interrupted.
			this.leases.finished(lease);
			logger.warn("Run {} could not be started: {}", lease.runId(), ex.getClass().getSimpleName());
		}
	}

	void execute(RunLease lease) {
		execute(lease, PlanReads.NONE);
	}

	private void execute(RunLease lease, PlanReads planned) {
		long started = System.nanoTime();
		try {
			RunView run = this.runs.find(lease.runId()).orElseThrow();
			if (run.ticketRef() != null) {
				MDC.put(AuditTrail.TICKET_MDC_KEY, run.ticketRef());
			}
			ProvisioningRequest request = this.runs.request(lease.runId());
			AttemptBudget ldap = AttemptBudget.open(this.steps, request, planned);
			try (ldap) {
				for (RunView.StepView step : run.steps()) {
					if (step.state() == StepState.SUCCEEDED || step.state() == StepState.SKIPPED) {
						// Done in an earlier attempt: never redone.
						continue;
					}
					RunState ended = executeStep(lease, run, request, step);
					if (ended != RunState.RUNNING) {
						this.metrics.run(run.kind(), ended, started);
						return;
					}
				}
			}
			succeed(lease, run, ldap);
			this.metrics.run(run.kind(), RunState.SUCCEEDED, started);
		}
		catch (LeaseLostException ex) {
			logger.warn("Run {} attempt {} stopped: the run is no longer this instance's (its heartbeat went stale "
					+ "and it was interrupted, or it was resumed); nothing more is recorded", lease.runId(), lease.attempt());
		}
		catch (RuntimeException ex) {
			this.recovery.handBack(lease, ex);
		}
	}

	/** @return RUNNING when the run goes on, else the state the step left the run in */
	private RunState executeStep(RunLease lease, RunView run, ProvisioningRequest request, RunView.StepView step) {
		if (this.leases.isLost(lease)) {
			throw new LeaseLostException(lease);
		}
		if (this.leases.stopping()) {
			// Shutting down between two steps: the run is handed back with nothing in flight, resumable at once.
			this.recovery.interruptOwn(lease, RunRecovery.SHUT_DOWN);
			return RunState.INTERRUPTED;
		}
		// Before this attempt starts the step: an intent found now was recorded by an earlier attempt.
		CreationIntents.Prepared intent = this.intents.prepare(run.id(), request, step);
		Optional<CreationIntents.Creation> creation = intent.creation();
		Optional<RunAttemptRepository.Intended> earlier = intent.earlier();
		StepRunner.RunContext context = new StepRunner.RunContext(run.id(), run.ticketRef(), request, run.domain(),
				run.decommissions(), this.runs.steps(run.id()), intent.createdEarlier());
		held(lease, () -> {
			this.attempts.stepStarted(lease, step.index());
			record(run, step, AuditOutcome.SUCCESS, Map.of("state", StepState.RUNNING.name()));
		});
		StepRunner.Outcome outcome;
		AttemptBudget.Step ldap = new AttemptBudget.Step();
		long started = ldap.started();
		try {
			if (creation.isPresent() && earlier.isEmpty()) {
				Located target = this.intents.locate(request, creation.get());
				held(lease, () -> this.attempts.intend(lease, step.index(), target.distinguishedName(), target.dcTime()));
			}
			// A rotation's steps write over what its source run made: their own runner checks that run's marks.
			StepRunner.Outcome done = (run.kind() == RunKind.ROTATION) ? this.rotationSteps.execute(context, step)
					: this.steps.execute(context, step, this.runs.stepInput(run.id(), step.index()));
			outcome = (creation.isPresent() && earlier.isPresent())
					? this.intents.reconcile(run.id(), request, creation.get(), earlier.get(), done) : done;
		}
		catch (LeaseLostException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			StepState state = (ex instanceof StepBlockedException) ? StepState.NEEDS_ATTENTION : StepState.FAILED;
			this.metrics.step(step.kind(), state, started);
			stop(lease, run, step, ex, state, ldap.budget());
			return (state == StepState.NEEDS_ATTENTION) ? RunState.NEEDS_ATTENTION : RunState.FAILED;
		}
		finally {
			ldap.close();
		}
		this.metrics.step(step.kind(), outcome.state(), started);
		RunView.Budget budget = ldap.budget();
		held(lease, () -> {
			this.attempts.stepFinished(lease, step.index(), outcome.state(), outcome.result(), outcome.detail(),
					outcome.artifact(), budget);
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("state", outcome.state().name());
			details.put("result", String.valueOf(outcome.result()));
			details.put("detail", outcome.detail());
			details.put("ldap", AttemptBudget.described(budget));
			record(run, step, AuditOutcome.SUCCESS, details);
		});
		return RunState.RUNNING;
	}

	/**
	 * The step did not do its job: it FAILED, or it NEEDS_ATTENTION because of something outside the portal (a
	 * blocked removal); such a run is never SUCCEEDED, and a decommission leaves the run it removes as it was until a
	 * resume finishes the job.
	 */
	private void stop(RunLease lease, RunView run, RunView.StepView step, RuntimeException ex, StepState state,
			RunView.Budget budget) {
		boolean blocked = state == StepState.NEEDS_ATTENTION;
		String reason = this.vault.reason(run.id(), ex);
		String what = blocked ? "needs attention" : "failed";
		logger.warn("Run {} {} at step {} ({}): {}", run.id(), what, step.index(), step.kind(), reason);
		held(lease, () -> {
			this.attempts.stepFinished(lease, step.index(), state, blocked ? "BLOCKED" : null, reason, null, budget);
			this.attempts.finish(lease, blocked ? RunState.NEEDS_ATTENTION : RunState.FAILED,
					"step " + step.index() + " (" + step.kind() + ") " + what + ": " + reason);
			record(run, step, AuditOutcome.FAILURE, Map.of("state", state.name(), "reason", reason));
		});
		announce(run.id());
	}

	private void succeed(RunLease lease, RunView run, AttemptBudget ldap) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("kind", run.kind().name());
		details.put("planHash", run.planHash());
		// The attempt's LDAP traffic, for whoever checks that it follows the run's writes.
		details.put("ldap", ldap.totals());
		boolean removes = run.kind() == RunKind.DECOMMISSION && run.decommissions() != null;
		if (removes) {
			// Before the run shows as done: whoever sees the removal finished finds no password of it left.
			this.vault.discard(run.decommissions());
		}
		held(lease, () -> {
			this.attempts.finish(lease, RunState.SUCCEEDED, null);
			this.runs.releaseClaim(run.id());
			if (removes) {
				this.runs.transition(run.decommissions(), List.of(RunState.SUCCEEDED), RunState.DECOMMISSIONED, null);
			}
			this.audit.record(AuditEvent.of("provisioning.run.succeeded", run.gmsaName() + "@" + run.domain(),
					AuditOutcome.SUCCESS)
				.withDetails(details)
				.withCorrelation(run.id(), run.ticketRef()));
		});
		this.vault.runFinished(run.id());
		announce(run.id());
		if (removes) {
			// The removed run is DECOMMISSIONED now: whoever follows it, and went quiet, must look again.
			announce(run.decommissions());
		}
	}

	/** Tells the modules following runs that this one changed; their trouble is not the run's, which is recorded. */
	private void announce(String runId) {
		try {
			this.events.publishEvent(new RunChanged(runId));
		}
		catch (RuntimeException ex) {
			logger.warn("Run {} ended, but a module following runs could not take note: {}", runId,
					ex.getClass().getSimpleName());
		}
	}
	/** One transaction that first makes sure the attempt still holds the run, and locks it. */
	private void held(RunLease lease, Runnable work) {
		this.transactions.executeWithoutResult((tx) -> {
			if (!this.attempts.hold(lease, this.leases.now())) {
				throw new LeaseLostException(lease);
			}
			work.run();
		});
	}

	private void record(RunView run, RunView.StepView step, AuditOutcome outcome, Map<String, ?> details) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("step", step.index());
		all.putAll(details);
		this.audit.record(AuditEvent.of(step.kind().auditAction(), step.target(), outcome)
			.withDetails(all)
			.withCorrelation(run.id(), run.ticketRef()));
	}

}
