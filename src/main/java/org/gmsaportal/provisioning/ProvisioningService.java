package org.gmsaportal.provisioning;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.gmsaportal.audit.Actor;
import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.credspec.DomainIdentity;
import org.gmsaportal.credspec.SecretValue;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The engine's API for the wizard and the REST API: plan a request, run an approved plan in the background,
 * resume, abandon and decommission runs, and read them.
 */
@Service
public class ProvisioningService {

	private final Planner planner;

	private final DecommissionPlanner decommissionPlanner;

	private final RunRepository runs;

	private final RunExecutor executor;

	private final AuditTrail audit;

	private final TransactionTemplate transactions;

	private final PasswordVault vault;

	private final RunLeases leases;

	private final ApplicationEventPublisher events;

	private final RunStarts starts;

	ProvisioningService(Planner planner, DecommissionPlanner decommissionPlanner, RunRepository runs,
			RunExecutor executor, AuditTrail audit, TransactionTemplate transactions, PasswordVault vault,
			RunLeases leases, ApplicationEventPublisher events) {
		this.planner = planner;
		this.decommissionPlanner = decommissionPlanner;
		this.runs = runs;
		this.executor = executor;
		this.audit = audit;
		this.transactions = transactions;
		this.vault = vault;
		this.leases = leases;
		this.events = events;
		this.starts = new RunStarts(runs, executor, audit, transactions, leases, events);
	}

	/** The domain facts of a directory connection, as the planner reads them; changes nothing. */
	public DomainIdentity domainFacts(String directoryConnection) {
		return this.planner.domainFacts(directoryConnection);
	}

	/** The plan for a request, from read-only lookups; changes nothing. */
	public Plan plan(ProvisioningRequest request) {
		return this.planner.plan(request);
	}

	/**
	 * The plan for a request that needs the domain's DNS name to be whole (a default DNS host name), read in the
	 * same LDAP session as the plan: one session and one read of the domain's facts per filing.
	 */
	public Plan plan(String directoryConnection, Function<String, ProvisioningRequest> forDomain) {
		return this.planner.plan(directoryConnection, forDomain);
	}

	/**
	 * Starts a run of the plan in the background, after checking that the approval binds the plan as it is now.
	 * @return the run id, also the correlation id of every audit event of the run
	 * @throws ApprovalMismatchException if the approval is for another plan, or the plan changed since
	 * @throws NameInUseException if another run holds the gMSA name in this domain
	 */
	public String start(Plan plan, Approval approval) {
		return start(plan, approval, null);
	}

	/**
	 * Starts a run as {@link #start(Plan, Approval)} does, at most once per {@code requestKey}: see
	 * {@link #start(ApprovedPlan, String)}.
	 */
	public String start(Plan plan, Approval approval, @Nullable String requestKey) {
		requireApproved(plan, approval);
		return start(bind(plan.request(), approval, requestKey), requestKey);
	}

	/**
	 * Binds the approval to the request's plan as it is now ({@link #approve}) and starts a run of that plan, at most
	 * once per {@code requestKey} ({@link #start(ApprovedPlan, String)}): the wizard's approval.
	 */
	public String start(ProvisioningRequest request, Approval approval, @Nullable String requestKey) {
		ApprovedPlan approved;
		try {
			approved = bind(request, approval, requestKey);
		}
		catch (ApprovalMismatchException ex) {
			// The form named the plan it showed; whether that one is stale or was never this request's, this says so.
			throw new ApprovalMismatchException("The approval is for plan " + approval.planHash() + ", not for plan "
					+ Objects.requireNonNull(ex.current()).hash() + ": approve the plan that is to run.", ex.current());
		}
		return start(approved, requestKey);
	}

	/** {@link #approve}, unless a run was started with the key already (then, or if one is meanwhile, says so). */
	private ApprovedPlan bind(ProvisioningRequest request, Approval approval, @Nullable String requestKey) {
		this.starts.refuseRepeat(requestKey);
		try {
			return approve(request, approval);
		}
		catch (ProvisioningRefusedException ex) {
			// The same form submitted twice at once: the plan changed because the other submission started the run.
			this.starts.refuseRepeat(requestKey);
			throw ex;
		}
	}

	/**
	 * Binds an approval to the request's plan as it is now: re-plans once from live lookups and checks that the plan
	 * still hashes to what was approved and can run. The wizard's review and an approval of a filed request both come
	 * through here; the run then starts from the plan returned, without planning again.
	 * @throws ApprovalMismatchException if the plan changed since it was approved (it carries the current plan)
	 * @throws NameInUseException if it changed because another run holds the gMSA name in this domain
	 * @throws ProvisioningRefusedException if the plan cannot run (a step is blocked)
	 */
	public ApprovedPlan approve(ProvisioningRequest request, Approval approval) {
		PlanSession.Planned planned = this.planner.planned(request);
		Plan now = planned.plan();
		if (!now.hash().equals(approval.planHash())) {
			// A run in flight for this name changes what the directory holds; that run is the reason to give.
			throw this.starts.refuseName(now, new ApprovalMismatchException("The plan changed since it was approved "
					+ "(the directory or the request differs now): review the new plan " + now.hash() + " and approve it.",
					now));
		}
		if (!now.runnable()) {
			// Blocked by a run that holds the name (running, failed, interrupted): the claim's refusal names it.
			throw this.starts.refuseName(now, new ProvisioningRefusedException("The plan cannot run: "
					+ String.join(" ", now.steps().stream().filter((s) -> s.intent() == StepIntent.BLOCKED)
						.map(PlannedStep::description).toList())));
		}
		// Its run reuses what this re-plan read, where one guard search proves it unchanged.
		return new ApprovedPlan(now, approval, RunKind.PROVISION, null, Map.of()).withReads(planned.reads());
	}

	/**
	 * Binds an approval to the removal of what a succeeded run created, planned once as it stands now.
	 * @throws ApprovalMismatchException if the approval is for another plan (it carries the current plan)
	 * @throws ProvisioningRefusedException if the run cannot be decommissioned
	 */
	public ApprovedPlan approveDecommission(String runId, Approval approval) {
		DecommissionPlanner.Planned planned = this.decommissionPlanner.plan(runId);
		if (!planned.plan().hash().equals(approval.planHash())) {
			throw new ApprovalMismatchException("The approval is for plan " + approval.planHash() + ", not for plan "
					+ planned.plan().hash() + ": approve the plan that is to run.", planned.plan());
		}
		return new ApprovedPlan(planned.plan(), approval, RunKind.DECOMMISSION, runId, planned.inputs());
	}

	/**
	 * Starts a run of an approved plan in the background, at most once per {@code requestKey}: a one-time token the
	 * front door issued with the approval form (the wizard's review). The database holds the key with the run, so a
	 * second submission, on any instance, starts nothing.
	 * @return the run id, also the correlation id of every audit event of the run
	 * @throws RunAlreadyStartedException if a run was started with this key already; it names that run
	 * @throws NameInUseException if another run holds the gMSA name in this domain
	 */
	public String start(ApprovedPlan approved, @Nullable String requestKey) {
		return this.starts.start(approved, requestKey);
	}

	/** The run started with this request key (see {@link #start(Plan, Approval, String)}), if one was. */
	public Optional<String> runStartedWith(String requestKey) {
		return this.runs.runForKey(requestKey);
	}

	/** The plan for removing what a succeeded run created; changes nothing. */
	public Plan decommissionPlan(String runId) {
		return this.decommissionPlanner.plan(runId).plan();
	}

	/**
	 * Starts a decommission run of a succeeded provisioning run: cluster objects first, then directory objects.
	 * @return the decommission run's id
	 */
	public String decommission(String runId, Approval approval) {
		return start(approveDecommission(runId, approval), null);
	}

	/**
	 * Resumes a failed, interrupted or needing attention run from its first step that did not succeed; succeeded
	 * steps are not redone, and a blocked removal asks the directory again.
	 * @throws ProvisioningRefusedException if the run is not in one of those states
	 */
	public void resume(String runId) {
		RunView run = find(runId);
		RunLease lease = this.transactions.execute((tx) -> {
			// A new attempt, held by this instance: whatever an earlier attempt might still write is refused.
			RunLease resumed = this.runs.resume(runId, this.leases.owner())
				.orElseThrow(() -> new ProvisioningRefusedException(
						"Run " + runId + " is " + run.state()
								+ ": only a failed, interrupted or needing attention run can be resumed."));
			recordRun("provisioning.run.resumed", run, Map.of("from", run.state().name(), "attempt", resumed.attempt()));
			return resumed;
		});
		// The resumer acts from here on: the new attempt's events name them, not the approver.
		this.executor.submit(Objects.requireNonNull(lease), Actor.current());
		this.events.publishEvent(new RunChanged(runId));
	}

	/**
	 * Gives up a failed, interrupted or needing attention run and releases its gMSA name; what it created stays as it
	 * is (an abandoned decommission leaves the run it was removing SUCCEEDED).
	 */
	public void abandon(String runId, String reason) {
		RunView run = find(runId);
		this.transactions.executeWithoutResult((tx) -> {
			if (!this.runs.transition(runId, List.of(RunState.FAILED, RunState.INTERRUPTED, RunState.NEEDS_ATTENTION),
					RunState.ABANDONED,
					"abandoned: " + reason)) {
				throw new ProvisioningRefusedException(
						"Run " + runId + " is " + run.state()
								+ ": only a failed, interrupted or needing attention run can be abandoned.");
			}
			this.runs.releaseClaim(runId);
			recordRun("provisioning.run.abandoned", run, Map.of("reason", reason));
		});
		this.vault.discard(runId);
		this.events.publishEvent(new RunChanged(runId));
	}

	/** One run with its steps. */
	public Optional<RunView> run(String runId) {
		return this.runs.find(runId);
	}

	/** Matching runs, newest first, without their steps (at most {@code limit}). */
	public List<RunView> runs(RunFilter filter, int limit) {
		return this.runs.list(filter, limit);
	}

	/** The request a run executes, for showing it again or for planning a corrected one. */
	public ProvisioningRequest request(String runId) {
		find(runId);
		return this.runs.request(runId);
	}

	/**
	 * The portable user's generated password, once: the caller shows it to the admin and keeps no copy. Empty if
	 * the run generated none, or it was shown already.
	 */
	public Optional<SecretValue> takePortablePassword(String runId) {
		return this.vault.takeForShowing(runId);
	}

	/** Whether the run's generated password still waits for its one showing (nothing is taken). */
	public boolean portablePasswordWaiting(String runId) {
		return this.vault.waitingToBeShown(runId);
	}

	/**
	 * The password, once, to {@code viewer}, who is recorded in the transaction that takes it: if that cannot be
	 * recorded the password stays unshown. The event names who saw it and when, never the value. Of two instances
	 * asked at once, one shows it and records the showing; the other finds nothing.
	 */
	public Optional<SecretValue> revealPortablePassword(String runId, String viewer) {
		if (!this.vault.waitingToBeShown(runId)) {
			return Optional.empty();
		}
		RunView run = this.runs.find(runId).orElseThrow();
		return Objects.requireNonNull(this.transactions.execute((tx) -> {
			Optional<SecretValue> password = this.vault.takeForShowing(runId);
			password.ifPresent((p) -> this.audit.record(AuditEvent
				.of("provisioning.portable-password.shown", run.gmsaName() + "@" + run.domain(), AuditOutcome.SUCCESS)
				.withDetails(Map.of("shownTo", viewer))
				.withCorrelation(runId, run.ticketRef())));
			return password;
		}));
	}

	private static void requireApproved(Plan plan, Approval approval) {
		if (!plan.hash().equals(approval.planHash())) {
			throw new ApprovalMismatchException("The approval is for plan " + approval.planHash() + ", not for plan "
					+ plan.hash() + ": approve the plan that is to run.");
		}
	}

	private RunView find(String runId) {
		return this.runs.find(runId)
			.orElseThrow(() -> new ProvisioningRefusedException("There is no run " + runId + "."));
	}

	private void recordRun(String action, RunView run, Map<String, ?> details) {
		this.audit.record(AuditEvent.of(action, run.gmsaName() + "@" + run.domain(), AuditOutcome.SUCCESS)
			.withDetails(details)
			.withCorrelation(run.id(), run.ticketRef()));
	}

}
