package org.gmsaportal.provisioning;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.gmsaportal.audit.Actor;
import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lifecycle of a filed request: filed with its plan (PENDING_APPROVAL), then approved, which binds the plan's
 * hash and starts a run from exactly that plan (APPROVED, then RUNNING), or rejected for good (REJECTED). Each
 * transition is conditional on the state it leaves, so two decisions on one request cannot both pass, and is
 * audited with the decider and the ticket in the transaction that records it. A client never decides on its own
 * request. An approval plans the request again exactly once, through {@link ProvisioningService#approve}, the one
 * place that checks the plan still hashes to what was approved.
 */
@Service
public class ProvisioningRequests {

	private final RequestRepository store;

	private final ProvisioningService engine;

	private final PortableRotations rotations;

	private final AuditTrail audit;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final JsonMapper json;

	private final Clock clock = Clock.systemUTC();

	ProvisioningRequests(RequestRepository store, ProvisioningService engine, PortableRotations rotations,
			AuditTrail audit, TransactionTemplate transactions, ApplicationEventPublisher events, JsonMapper json) {
		this.store = store;
		this.engine = engine;
		this.rotations = rotations;
		this.audit = audit;
		this.transactions = transactions;
		this.events = events;
		this.json = json;
	}

	/**
	 * Files a request with the plan computed for it, pending approval, and audits {@code action} with
	 * {@code details}; joins the caller's transaction if there is one. With a {@code policy}, the auto-approve
	 * policy approves it in the same transaction: {@link #startApproved} then starts its run.
	 */
	public FiledRequest file(String id, RequestSubmission filing, Plan plan, String action, Map<String, ?> details,
			@Nullable Decider policy) {
		return file(id, filing, plan, action, details, policy, null);
	}

	/**
	 * As {@link #file(String, RequestSubmission, Plan, String, Map, Decider)}, keeping with the row the 201 answer
	 * {@code response} makes of it, for replays. The answer is made before the transaction, which may be shared with
	 * other filings' (group commit): rendering it there would make them all wait (50 concurrent filings spent 2 s
	 * each waiting for the chain's head while each in turn rendered and stored its answer under it).
	 */
	public FiledRequest file(String id, RequestSubmission filing, Plan plan, String action, Map<String, ?> details,
			@Nullable Decider policy, @Nullable Function<FiledRequest, String> response) {
		// as the database keeps it, so that the answer made from this row is the one a read of it gives
		var now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		String engineRequest = (filing.kind() == RequestKind.PROVISION) ? Canonical.json(plan.request())
				: sourceEngineRequest(filing);
		FiledRequest pending = new FiledRequest(id, 0, filing.clientId(), filing.idempotencyKey(),
				filing.bodySha256(), filing.kind(), filing.sourceRequestId(), RequestStatus.PENDING_APPROVAL, plan.hash(),
				planJson(plan), filing.requestJson(), filing.ticketKey(), null, null, null, now, now, null, engineRequest);
		FiledRequest row = (response == null) ? pending : pending.withResponse(201, response.apply(pending));
		// The row and its events commit together, in a transaction the trail may share with other filings (group
		// commit): a filing never holds the chain's head while the next waits for it, and still is not kept unless
		// its event is (fail closed). The work may run twice (another filing's failure in the batch), so it only
		// writes.
		return this.audit.recordWith(this.transactions, (audit) -> {
			this.store.insert(row);
			audit.accept(AuditEvent.of(action, target(plan), AuditOutcome.SUCCESS)
				.withDetails(details)
				.withCorrelation(id, filing.ticketKey()));
			if (policy != null && this.store.decide(id, RequestStatus.PENDING_APPROVAL, RequestStatus.APPROVED,
					policy.name(), null, now)) {
				Map<String, Object> decided = RequestDecision.auditDetails(row, plan.hash(), policy.name(), null);
				decided.put("policy", "auto-approve");
				audit.accept(AuditEvent.of("api.request.approved", target(plan), AuditOutcome.SUCCESS)
					.withDetails(decided).withActor(Actor.system()).withCorrelation(id, filing.ticketKey()));
			}
			return row;
		});
	}

	/** Keeps the response a replay of the filing answers with. */
	public void respond(String id, int status, String json) {
		this.store.respond(id, status, json);
	}

	/**
	 * Approves the request's plan as it stands now and starts its run from that plan.
	 * @param planHash the plan the decider saw, or null to approve the one on record
	 * @throws SeparationOfDutiesException if the decider filed the request
	 * @throws RequestConflictException if it is not pending, its plan changed (the new one is kept for review), or
	 * someone else decided meanwhile
	 * @throws ProvisioningRefusedException if the engine refuses to start it (it is pending again)
	 */
	public FiledRequest approve(Decider decider, FiledRequest row, @Nullable String planHash,
			@Nullable String reason) {
		decider.refuseIfFiled(row, "approve");
		requirePending(row, "approved");
		ApprovedPlan approved = bind(row, new Approval(row.planHash(), decider.name(), this.clock.instant(), reason));
		if (planHash != null && !planHash.equals(approved.plan().hash())) {
			throw new RequestConflictException("The approval is for plan " + planHash + ", but the current plan is "
					+ approved.plan().hash() + ": review it and approve that one.");
		}
		boolean moved = Boolean.TRUE.equals(this.transactions.execute((tx) -> {
			boolean decided = this.store.decide(row.id(), RequestStatus.PENDING_APPROVAL, RequestStatus.APPROVED,
					decider.name(), reason, this.clock.instant());
			if (decided) {
				recordDecision("api.request.approved", target(approved.plan()), row,
						RequestDecision.auditDetails(row, approved.plan().hash(), decider.name(), reason));
			}
			return decided;
		}));
		if (!moved) {
			throw new RequestConflictException("The request was decided by someone else meanwhile.");
		}
		this.events.publishEvent(new RequestChanged(row.id()));
		start(row, approved);
		return this.store.find(row.id()).orElseThrow();
	}

	/**
	 * Starts the run of a request the auto-approve policy approved at filing, binding the plan once more. If the
	 * engine refuses, or the directory, the cluster, the audit trail or the database fails on the way, the request
	 * is pending again (audited as {@code api.request.start-refused}) and the failure is thrown.
	 */
	public void startApproved(Decider policy, FiledRequest row) {
		ApprovedPlan approved;
		try {
			approved = bind(row, new Approval(row.planHash(), policy.name(), this.clock.instant(), null));
		}
		catch (RuntimeException ex) {
			reopen(row, row.planHash(), target(row), (ex instanceof ProvisioningRefusedException) ? ex.getMessage()
					: ex.getClass().getSimpleName());
			throw ex;
		}
		start(row, approved.byPolicy());
	}

	/**
	 * Rejects a pending request for good: it never runs.
	 * @throws SeparationOfDutiesException if the decider filed the request
	 * @throws RequestConflictException if it is not pending, or someone else decided meanwhile
	 */
	public FiledRequest reject(Decider decider, FiledRequest row, String reason) {
		decider.refuseIfFiled(row, "reject");
		requirePending(row, "rejected");
		boolean moved = Boolean.TRUE.equals(this.transactions.execute((tx) -> {
			boolean decided = this.store.decide(row.id(), RequestStatus.PENDING_APPROVAL, RequestStatus.REJECTED,
					decider.name(), reason, this.clock.instant());
			if (decided) {
				recordDecision("api.request.rejected", target(row), row,
						RequestDecision.auditDetails(row, row.planHash(), decider.name(), reason));
			}
			return decided;
		}));
		if (!moved) {
			throw new RequestConflictException("The request was decided by someone else meanwhile.");
		}
		this.events.publishEvent(new RequestChanged(row.id()));
		return this.store.find(row.id()).orElseThrow();
	}

	public Optional<FiledRequest> find(String id) {
		return this.store.find(id);
	}

	/** The request a client filed with this idempotency key, if any. */
	public Optional<FiledRequest> findByKey(String clientId, String key) {
		return this.store.findByKey(clientId, key);
	}

	/** Requests after the cursor, oldest first; only the client's own unless {@code clientId} is null. */
	public List<FiledRequest> after(@Nullable String clientId, @Nullable String ticketKey, long cursor, int limit) {
		return this.store.after(clientId, ticketKey, null, cursor, limit);
	}

	/**
	 * Requests after the cursor, oldest first, in one status (as {@link #status} tells it) unless it is null; only
	 * the client's own unless {@code clientId} is null. Filtered in SQL: a page reads the rows it shows.
	 */
	public List<FiledRequest> after(@Nullable String clientId, @Nullable String ticketKey,
			@Nullable RequestStatus status, long cursor, int limit) {
		return this.store.after(clientId, ticketKey, status, cursor, limit);
	}

	/** Requests before the cursor (0: from the newest), newest first; optionally of one ticket. */
	public List<FiledRequest> before(@Nullable String ticketKey, long cursor, int limit) {
		return this.store.before(ticketKey, cursor, limit);
	}

	/** How many requests wait for a decision, and since when the oldest of them waits. */
	public PendingRequests pending() {
		return this.store.pending();
	}

	/** The request's run, once it has one. */
	public Optional<RunView> run(FiledRequest row) {
		return (row.runId() != null) ? this.engine.run(row.runId()) : Optional.empty();
	}

	/** Where the request stands, which its run decides once there is one. */
	public RequestStatus status(FiledRequest row) {
		return RequestStatus.of(row.status(), run(row).orElse(null));
	}

	/** The plan kept with the request. */
	public PlanSummary plan(FiledRequest row) {
		return this.json.readValue(row.planJson(), PlanSummary.class);
	}

	/** The plan of removing what the run created, as it stands now; changes nothing. */
	public Plan decommissionPlan(String runId) {
		return this.engine.decommissionPlan(runId);
	}

	/** The gMSA in its domain, as audit events of requests name it. */
	public static String target(Plan plan) {
		return plan.request().gmsaName() + "@" + plan.domain();
	}

	/** Binds the approval to the plan as it stands now: the request's one re-plan. */
	private ApprovedPlan bind(FiledRequest row, Approval approval) {
		try {
			if (row.kind() == RequestKind.DECOMMISSION) {
				return this.engine.approveDecommission(sourceRun(row), approval);
			}
			if (row.kind() == RequestKind.ROTATION) {
				return this.rotations.approve(sourceRun(row), approval);
			}
			ProvisioningRequest request = row.request();
			if (request == null) {
				throw new RequestConflictException("Request " + row.id() + " was filed by an earlier version of the "
						+ "portal, which did not keep what an approval needs: reject it, and file it again.");
			}
			return this.engine.approve(request, approval);
		}
		catch (ApprovalMismatchException ex) {
			Plan current = ex.current();
			if (current == null) {
				throw ex;
			}
			this.store.replan(row.id(), current.hash(), planJson(current), this.clock.instant());
			throw new RequestConflictException("The plan changed since it was filed (the directory or the request "
					+ "differs now): review the new plan " + current.hash() + " and approve it.");
		}
	}

	private void start(FiledRequest row, ApprovedPlan approved) {
		String runId;
		try {
			runId = this.engine.start(approved, null);
		}
		catch (ProvisioningRefusedException ex) {
			reopen(row, approved.plan().hash(), target(approved.plan()), ex.getMessage());
			throw new RequestConflictException(String.valueOf(ex.getMessage()));
		}
		catch (RuntimeException ex) {
			// the database or the audit trail failed: nothing started, so the approval must not stand
			reopen(row, approved.plan().hash(), target(approved.plan()), ex.getClass().getSimpleName());
			throw ex;
		}
		this.store.transition(row.id(), RequestStatus.APPROVED, RequestStatus.RUNNING, runId, this.clock.instant());
	}

	private void reopen(FiledRequest row, String planHash, String target, @Nullable String why) {
		this.transactions.executeWithoutResult((tx) -> {
			if (this.store.reopen(row.id(), this.clock.instant())) {
				this.audit.record(AuditEvent.of("api.request.start-refused", target, AuditOutcome.FAILURE)
					.withDetails(Map.of("requestId", row.id(), "planHash", planHash, "reason", String.valueOf(why)))
					.withCorrelation(row.id(), row.ticketKey()));
			}
		});
	}

	private void requirePending(FiledRequest row, String what) {
		RequestStatus status = status(row);
		if (status != RequestStatus.PENDING_APPROVAL) {
			throw new RequestConflictException("The request is " + status + ": only a request pending approval can be "
					+ what + ".");
		}
	}

	private void recordDecision(String action, String target, FiledRequest row, Map<String, Object> details) {
		this.audit.record(AuditEvent.of(action, target, AuditOutcome.SUCCESS)
			.withDetails(details)
			.withCorrelation(row.id(), row.ticketKey()));
	}

	/** The run a decommission request removes, or a rotation request rotates. */
	private String sourceRun(FiledRequest row) {
		String source = row.sourceRequestId();
		return this.store.find(String.valueOf(source)).map(FiledRequest::runId)
			.orElseThrow(() -> new RequestConflictException("The request to decommission is gone."));
	}

	private @Nullable String sourceEngineRequest(RequestSubmission filing) {
		return this.store.find(String.valueOf(filing.sourceRequestId())).map(FiledRequest::engineRequestJson)
			.orElse(null);
	}

	private String target(FiledRequest row) {
		ProvisioningRequest request = row.request();
		String domain = plan(row).domain();
		return ((request != null) ? request.gmsaName() : "request " + row.id()) + "@" + domain;
	}

	private String planJson(Plan plan) {
		return this.json.writeValueAsString(PlanSummary.of(plan));
	}

}
