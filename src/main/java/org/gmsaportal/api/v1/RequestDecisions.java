package org.gmsaportal.api.v1;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.gmsaportal.security.ApiClient;
import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.audit.AuditUnavailableException;
import org.gmsaportal.cluster.ClusterOperationException;
import org.gmsaportal.directory.DirectoryException;
import org.gmsaportal.provisioning.Approval;
import org.gmsaportal.provisioning.Plan;
import org.gmsaportal.provisioning.ProvisioningRefusedException;
import org.gmsaportal.provisioning.ProvisioningService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Approves and rejects requests, for API clients with {@code requests:approve}, for ADMINs in the browser and for
 * the auto-approve policy. An approval re-plans and binds the current plan hash, then starts the run; a rejection
 * is final and names its reason. Each decision is audited with the decider as actor, the request id and the ticket,
 * in the transaction that records it; the filing client never decides on its own request.
 */
@Service
class RequestDecisions {

	private static final Logger logger = LoggerFactory.getLogger(RequestDecisions.class);

	private final ProvisioningService provisioning;

	private final ApiRequestStore store;

	private final RequestPlans plans;

	private final RequestViewer viewer;

	private final CallbackClaims callbacks;

	private final AuditTrail audit;

	private final TransactionTemplate transactions;

	private final Clock clock = Clock.systemUTC();

	RequestDecisions(ProvisioningService provisioning, ApiRequestStore store, RequestPlans plans, RequestViewer viewer,
			CallbackClaims callbacks, AuditTrail audit, TransactionTemplate transactions) {
		this.provisioning = provisioning;
		this.store = store;
		this.plans = plans;
		this.viewer = viewer;
		this.callbacks = callbacks;
		this.audit = audit;
		this.transactions = transactions;
	}

	/** Approves the request's current plan and starts its run. */
	RequestViews.RequestView approve(Decider decider, StoredRequest row, @Nullable String planHash,
			@Nullable String reason) {
		refuseOwn(decider, row, "approve");
		requirePending(row, "approved");
		Plan plan = this.plans.replan(row);
		if (!plan.hash().equals(row.planHash())) {
			this.store.replan(row.id(), plan.hash(), this.plans.planJson(plan), this.clock.instant());
			throw new RequestProblem(HttpStatus.CONFLICT, "The plan changed since it was filed (the directory or the "
					+ "request differs now): review the new plan " + plan.hash() + " and approve it.");
		}
		if (planHash != null && !planHash.equals(plan.hash())) {
			throw new RequestProblem(HttpStatus.CONFLICT, "The approval is for plan " + planHash
					+ ", but the current plan is " + plan.hash() + ": review it and approve that one.");
		}
		boolean moved = Boolean.TRUE.equals(this.transactions.execute(tx -> {
			boolean decided = this.store.decide(row.id(), RequestViewer.PENDING, RequestViewer.APPROVED, decider.name(),
					reason, this.clock.instant());
			if (decided) {
				this.audit.record(AuditEvent.of("api.request.approved", RequestPlans.target(plan), AuditOutcome.SUCCESS)
					.withDetails(details(row, plan.hash(), decider.name(), reason))
					.withCorrelation(row.id(), row.ticketKey()));
			}
			return decided;
		}));
		if (!moved) {
			throw new RequestProblem(HttpStatus.CONFLICT, "The request was decided by someone else meanwhile.");
		}
		this.callbacks.wake(row.id());
		start(row, plan, decider.name(), reason);
		return this.viewer.view(this.store.find(row.id()).orElseThrow());
	}

	/** Rejects a pending request for good: it never runs, and its callbacks say REJECTED. */
	RequestViews.RequestView reject(Decider decider, StoredRequest row, String reason) {
		refuseOwn(decider, row, "reject");
		requirePending(row, "rejected");
		boolean moved = Boolean.TRUE.equals(this.transactions.execute(tx -> {
			boolean decided = this.store.decide(row.id(), RequestViewer.PENDING, RequestViewer.REJECTED, decider.name(),
					reason, this.clock.instant());
			if (decided) {
				this.audit.record(AuditEvent.of("api.request.rejected", this.plans.target(row), AuditOutcome.SUCCESS)
					.withDetails(details(row, row.planHash(), decider.name(), reason))
					.withCorrelation(row.id(), row.ticketKey()));
			}
			return decided;
		}));
		if (!moved) {
			throw new RequestProblem(HttpStatus.CONFLICT, "The request was decided by someone else meanwhile.");
		}
		this.callbacks.wake(row.id());
		return this.viewer.view(this.store.find(row.id()).orElseThrow());
	}

	/**
	 * Inside the filing's transaction: the auto-approve policy approves a request of a client an ADMIN marked so,
	 * attributed to the policy and that client.
	 */
	void approveByPolicy(ApiClient client, StoredRequest row, Plan plan) {
		String by = byPolicy(client);
		if (this.store.decide(row.id(), RequestViewer.PENDING, RequestViewer.APPROVED, by, null, this.clock.instant())) {
			Map<String, Object> details = details(row, plan.hash(), by, null);
			details.put("policy", "auto-approve");
			this.audit.record(AuditEvent.of("api.request.approved", RequestPlans.target(plan), AuditOutcome.SUCCESS)
				.withDetails(details)
				.withCorrelation(row.id(), row.ticketKey()));
		}
	}

	/**
	 * After the filing committed: starts the run the policy approved. If the engine refuses, or the directory, the
	 * cluster, the audit trail or the database fails on the way, the request waits for a person or a client to
	 * approve it, once it is pending again and that is audited ({@code api.request.start-refused}); so the filing
	 * still gets its answer, and a retry with the same Idempotency-Key the same one.
	 * @throws RuntimeException the failure, if the request could not be put back to pending
	 */
	void startByPolicy(ApiClient client, StoredRequest row, Plan plan) {
		try {
			start(row, plan, byPolicy(client), null);
		}
		catch (RequestProblem refused) {
			// e.g. the gMSA name is in use: back to pending (audited), for a person or a client to look at
		}
		catch (RuntimeException ex) {
			if (!pending(row)) {
				// still approved without a run (reopening failed as well): the filing must not claim otherwise
				throw ex;
			}
			if (ex instanceof DirectoryException || ex instanceof ClusterOperationException
					|| ex instanceof AuditUnavailableException || ex instanceof DataAccessException) {
				// the class only: a database or audit message may quote what was written
				logger.warn("Auto-approved request {} did not start ({}); it waits for approval", row.id(),
						ex.getClass().getSimpleName());
			}
			else {
				logger.error("Auto-approved request {} did not start; it waits for approval", row.id(), ex);
			}
		}
	}

	private boolean pending(StoredRequest row) {
		return this.store.find(row.id()).map(this.viewer::status).filter(RequestViewer.PENDING::equals).isPresent();
	}

	private void start(StoredRequest row, Plan plan, String approvedBy, @Nullable String reason) {
		Approval approval = new Approval(plan.hash(), approvedBy, this.clock.instant(), reason);
		String runId;
		try {
			runId = row.kind().equals(StoredRequest.DECOMMISSION)
					? this.provisioning.decommission(this.plans.sourceRun(row), approval)
					: this.provisioning.start(plan, approval);
		}
		catch (ProvisioningRefusedException ex) {
			reopen(row, plan, ex.getMessage());
			throw new RequestProblem(HttpStatus.CONFLICT, ex.getMessage());
		}
		catch (RuntimeException ex) {
			// the directory or the cluster did not answer: nothing started, so the approval must not stand
			reopen(row, plan, ex.getClass().getSimpleName());
			throw ex;
		}
		this.store.transition(row.id(), RequestViewer.APPROVED, RequestViewer.RUNNING, runId, this.clock.instant());
	}

	private void reopen(StoredRequest row, Plan plan, @Nullable String why) {
		this.transactions.executeWithoutResult(tx -> {
			if (this.store.reopen(row.id(), this.clock.instant())) {
				this.audit.record(AuditEvent.of("api.request.start-refused", RequestPlans.target(plan), AuditOutcome.FAILURE)
					.withDetails(Map.of("requestId", row.id(), "planHash", plan.hash(), "reason", String.valueOf(why)))
					.withCorrelation(row.id(), row.ticketKey()));
			}
		});
	}

	private void requirePending(StoredRequest row, String what) {
		String status = this.viewer.status(row);
		if (!status.equals(RequestViewer.PENDING)) {
			throw new RequestProblem(HttpStatus.CONFLICT, "The request is " + status + ": only a request pending "
					+ "approval can be " + what + ".");
		}
	}

	private static void refuseOwn(Decider decider, StoredRequest row, String verb) {
		if (decider.filed(row)) {
			throw new RequestProblem(HttpStatus.FORBIDDEN, "Separation of duties: a client may not " + verb
					+ " a request it filed itself; another client with requests:approve, or an ADMIN, must do it.");
		}
	}

	private static Map<String, Object> details(StoredRequest row, String planHash, String by, @Nullable String reason) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("requestId", row.id());
		details.put("planHash", planHash);
		details.put("filedBy", row.clientId());
		details.put("decidedBy", by);
		details.put("reason", String.valueOf(reason));
		return details;
	}

	private static String byPolicy(ApiClient client) {
		return client.name() + " (auto-approve policy)";
	}

}
