package org.gmsaportal.provisioning;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts runs of approved plans for {@link ProvisioningService}: claims the gMSA name, stores the run and its steps
 * with its audit event in one transaction, and hands the run to the executor; refuses a second start with the same
 * request key and names the run that holds the name.
 */
final class RunStarts {

	private final RunRepository runs;

	private final RunExecutor executor;

	private final AuditTrail audit;

	private final TransactionTemplate transactions;

	private final RunLeases leases;

	private final ApplicationEventPublisher events;

	RunStarts(RunRepository runs, RunExecutor executor, AuditTrail audit, TransactionTemplate transactions,
			RunLeases leases, ApplicationEventPublisher events) {
		this.runs = runs;
		this.executor = executor;
		this.audit = audit;
		this.transactions = transactions;
		this.leases = leases;
		this.events = events;
	}

	/** See {@link ProvisioningService#start(ApprovedPlan, String)}. */
	String start(ApprovedPlan approved, @Nullable String requestKey) {
		refuseRepeat(requestKey);
		String runId = begin(approved, requestKey);
		if (approved.decommissions() != null) {
			this.events.publishEvent(new RunChanged(approved.decommissions()));
		}
		return runId;
	}

	void refuseRepeat(@Nullable String requestKey) {
		Optional<String> earlier = (requestKey != null) ? this.runs.runForKey(requestKey) : Optional.empty();
		if (earlier.isPresent()) {
			throw new RunAlreadyStartedException(earlier.get());
		}
	}

	private String begin(ApprovedPlan approved, @Nullable String requestKey) {
		Plan plan = approved.plan();
		Approval approval = approved.approval();
		RunKind kind = approved.kind();
		String decommissions = approved.decommissions();
		Map<Integer, String> inputs = approved.inputs();
		String runId = UUID.randomUUID().toString();
		RunLease lease = new RunLease(runId, this.leases.owner(), 1);
		try {
			this.transactions.executeWithoutResult((tx) -> {
				// First, so that a competing run for the same name fails here, before writing anything else.
				this.runs.claim(plan.domain(), plan.request().gmsaName(), runId);
				this.runs.insertRun(lease, kind, plan, approval, decommissions, requestKey);
				plan.steps().forEach((step) -> this.runs.insertStep(runId, step, inputs.get(step.index())));
				this.audit.record(AuditEvent.of("provisioning.run.started",
						plan.request().gmsaName() + "@" + plan.domain(), AuditOutcome.SUCCESS)
					.withDetails(Map.of("kind", kind.name(), "planHash", plan.hash(), "approvedBy", approval.approvedBy(),
							"approvedAt", approval.approvedAt().toString(), "reason", String.valueOf(approval.reason()),
							"steps", plan.steps().size(), "decommissions", String.valueOf(decommissions)))
					.withActor(approved.actor())
					.withCorrelation(runId, plan.request().ticketRef()));
			});
		}
		catch (DataIntegrityViolationException | ConcurrencyFailureException ex) {
			// The same submission twice at once: the claim (or the key) let one through, and it is the answer.
			Optional<String> earlier = (requestKey != null) ? this.runs.runForKey(requestKey) : Optional.empty();
			if (earlier.isPresent()) {
				throw new RunAlreadyStartedException(earlier.get());
			}
			throw refuseName(plan, ex);
		}
		this.executor.submit(lease, approved.actor(), approved.reads());
		return runId;
	}

	RuntimeException refuseName(Plan plan, RuntimeException ex) {
		Optional<String> holder = this.runs.claimHolder(plan.domain(), plan.request().gmsaName());
		if (holder.isEmpty()) {
			return ex;
		}
		String state = this.runs.find(holder.get()).map((r) -> r.state().name()).orElse("starting");
		String message = "gMSA " + plan.request().gmsaName() + " in domain " + plan.domain()
				+ " is already being provisioned or removed by run " + holder.get() + " (" + state
				+ "): wait for it to finish, or resume or abandon it, before starting another run for this name.";
		this.transactions.executeWithoutResult((tx) -> this.audit
			.record(AuditEvent.of("provisioning.run.refused", plan.request().gmsaName() + "@" + plan.domain(),
					AuditOutcome.DENIED)
				.withDetails(Map.of("reason", "name in use", "holder", holder.get()))
				.withCorrelation(null, plan.request().ticketRef())));
		return new NameInUseException(message, holder.get());
	}

}
