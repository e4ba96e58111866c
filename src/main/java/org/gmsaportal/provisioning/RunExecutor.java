package org.gmsaportal.provisioning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Executes a run's pending and failed steps in order, in the background. Each state change is written in one
 * transaction with its audit event, so the database never holds a step the audit trail does not show.
 */
@Component
class RunExecutor {

	private static final Logger logger = LoggerFactory.getLogger(RunExecutor.class);

	private final RunRepository runs;

	private final Steps steps;

	private final AuditTrail audit;

	private final TransactionTemplate transactions;

	private final TaskExecutor executor;

	private final PasswordVault vault;

	RunExecutor(RunRepository runs, Steps steps, AuditTrail audit, TransactionTemplate transactions,
			@Qualifier("applicationTaskExecutor") TaskExecutor executor, PasswordVault vault) {
		this.runs = runs;
		this.steps = steps;
		this.audit = audit;
		this.transactions = transactions;
		this.executor = executor;
		this.vault = vault;
	}

	/** Starts executing the run on the task executor; call after the transaction that set it running committed. */
	void submit(String runId) {
		this.executor.execute(() -> {
			// Events the directory and cluster modules write during the run then carry the run id and its
			// ticket too, so an auditor following a ticket finds every LDAP and Kubernetes write of its run.
			MDC.put("correlationId", runId);
			try {
				this.runs.find(runId).map(RunView::ticketRef).ifPresent((ticket) -> MDC.put("ticketRef", ticket));
				execute(runId);
			}
			finally {
				MDC.remove("correlationId");
				MDC.remove("ticketRef");
			}
		});
	}

	void execute(String runId) {
		try {
			RunView run = this.runs.find(runId).orElseThrow();
			ProvisioningRequest request = this.runs.request(runId);
			for (RunView.StepView step : run.steps()) {
				if (step.state() == StepState.SUCCEEDED || step.state() == StepState.SKIPPED) {
					// Done in an earlier attempt: never redone.
					continue;
				}
				Steps.RunContext context = new Steps.RunContext(runId, request, run.domain(), run.decommissions(),
						this.runs.steps(runId));
				this.transactions.executeWithoutResult((tx) -> {
					this.runs.stepStarted(runId, step.index());
					record(run, step, AuditOutcome.SUCCESS, Map.of("state", StepState.RUNNING.name()));
				});
				Steps.Outcome outcome;
				try {
					outcome = this.steps.execute(context, step, this.runs.stepInput(runId, step.index()));
				}
				catch (RuntimeException ex) {
					fail(run, step, ex);
					return;
				}
				this.transactions.executeWithoutResult((tx) -> {
					this.runs.stepFinished(runId, step.index(), outcome.state(), outcome.result(), outcome.detail(),
							outcome.artifact());
					Map<String, Object> details = new LinkedHashMap<>();
					details.put("state", outcome.state().name());
					details.put("result", String.valueOf(outcome.result()));
					details.put("detail", outcome.detail());
					record(run, step, AuditOutcome.SUCCESS, details);
				});
			}
			succeed(run);
		}
		catch (RuntimeException ex) {
			// Only the database or the audit trail failing lands here; the run stays RUNNING and is marked
			// interrupted at the next start, so it is resumable, never half-recorded.
			logger.error("Run {} stopped: its state could not be recorded", runId, ex);
		}
	}

	private void fail(RunView run, RunView.StepView step, RuntimeException ex) {
		String reason = reason(run.id(), ex);
		logger.warn("Run {} failed at step {} ({}): {}", run.id(), step.index(), step.kind(), reason);
		this.transactions.executeWithoutResult((tx) -> {
			this.runs.stepFinished(run.id(), step.index(), StepState.FAILED, null, reason, null);
			this.runs.transition(run.id(), List.of(RunState.RUNNING), RunState.FAILED,
					"step " + step.index() + " (" + step.kind() + ") failed: " + reason);
			record(run, step, AuditOutcome.FAILURE, Map.of("state", StepState.FAILED.name(), "reason", reason));
		});
	}

	private void succeed(RunView run) {
		this.transactions.executeWithoutResult((tx) -> {
			this.runs.transition(run.id(), List.of(RunState.RUNNING), RunState.SUCCEEDED, null);
			this.runs.releaseClaim(run.id());
			if (run.kind() == RunKind.DECOMMISSION && run.decommissions() != null) {
				this.runs.transition(run.decommissions(), List.of(RunState.SUCCEEDED), RunState.DECOMMISSIONED, null);
			}
			this.audit.record(AuditEvent.of("provisioning.run.succeeded", run.gmsaName() + "@" + run.domain(),
					AuditOutcome.SUCCESS)
				.withDetails(Map.of("kind", run.kind().name(), "planHash", run.planHash()))
				.withCorrelation(run.id(), run.ticketRef()));
		});
		if (run.kind() == RunKind.DECOMMISSION && run.decommissions() != null) {
			this.vault.discard(run.decommissions());
		}
		this.vault.runFinished(run.id());
	}

	private void record(RunView run, RunView.StepView step, AuditOutcome outcome, Map<String, ?> details) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("step", step.index());
		all.putAll(details);
		this.audit.record(AuditEvent.of(step.kind().auditAction(), step.target(), outcome)
			.withDetails(all)
			.withCorrelation(run.id(), run.ticketRef()));
	}

	/** The failure in words for the admin; a password the run holds is cut out should a port ever echo it. */
	private String reason(String runId, RuntimeException ex) {
		String message = (ex.getMessage() != null && !ex.getMessage().isBlank()) ? ex.getMessage()
				: ex.getClass().getSimpleName() + " (see the portal log)";
		@Nullable String password = this.vault.forRun(runId).map((p) -> p.reveal()).orElse(null);
		if (password != null && message.contains(password)) {
			message = message.replace(password, "(redacted)");
		}
		return (message.length() > 1900) ? message.substring(0, 1900) + "..." : message;
	}

}
