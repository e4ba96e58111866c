package org.gmsaportal.api.v1;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import org.gmsaportal.api.ApiClient;
import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.provisioning.Approval;
import org.gmsaportal.provisioning.InvalidRequestException;
import org.gmsaportal.provisioning.Plan;
import org.gmsaportal.provisioning.ProvisioningRefusedException;
import org.gmsaportal.provisioning.ProvisioningService;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Files provisioning requests idempotently and approves them: plans through the engine, keeps each
 * request with its plan hash, audits filings and approvals with the client as actor and the ticket, and
 * starts runs only after the filing is committed.
 */
@Service
class ProvisioningRequests {

	static final int MAX_BODY = 64 * 1024;

	private final ProvisioningService provisioning;

	private final ApiRequestStore store;

	private final RequestViewer viewer;

	private final CallbackPolicy callbacks;

	private final AuditTrail audit;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final Clock clock = Clock.systemUTC();

	ProvisioningRequests(ProvisioningService provisioning, ApiRequestStore store, RequestViewer viewer,
			CallbackPolicy callbacks, AuditTrail audit, TransactionTemplate transactions, JsonMapper json) {
		this.provisioning = provisioning;
		this.store = store;
		this.viewer = viewer;
		this.callbacks = callbacks;
		this.audit = audit;
		this.transactions = transactions;
		this.json = json;
	}

	/** The response to a filing: the new request, or the stored response of the first filing with this key. */
	RequestViews.RequestView file(ApiClient client, String key, @Nullable String raw) {
		if (raw == null || raw.isBlank()) {
			throw new ApiInputException("body", "required");
		}
		if (raw.length() > MAX_BODY) {
			throw new ApiInputException("body", "size: at most " + MAX_BODY + " characters");
		}
		JsonNode body = parse(raw);
		Filing filing = FilingReader.read(body);
		if (filing.callbackUrl() != null) {
			this.callbacks.check(filing.callbackUrl(), client);
		}
		String canonical = this.json.writeValueAsString(body);
		String sha = sha256(canonical);
		var earlier = this.store.findByKey(client.id(), key);
		if (earlier.isPresent()) {
			return replay(earlier.get(), sha);
		}
		Plan plan = plan(filing);
		String id = UUID.randomUUID().toString();
		var now = this.clock.instant();
		String ticket = (filing.ticket() != null) ? filing.ticket().key() : null;
		String status = client.autoApprove() ? RequestViewer.APPROVED : RequestViewer.PENDING;
		StoredRequest row = new StoredRequest(id, 0, client.id(), key, sha, StoredRequest.PROVISION, null, status,
				plan.hash(), this.json.writeValueAsString(RequestViewer.plan(plan)), canonical, ticket, null, null, null,
				now, now);
		try {
			this.transactions.executeWithoutResult(tx -> {
				this.store.insert(row);
				this.audit.record(AuditEvent.of("api.request.filed", target(plan), AuditOutcome.SUCCESS)
					.withDetails(Map.of("requestId", id, "planHash", plan.hash(), "client", client.name(),
							"autoApprove", client.autoApprove()))
					.withCorrelation(id, ticket));
				if (!client.autoApprove()) {
					store(id);
				}
			});
		}
		catch (DataIntegrityViolationException | ConcurrencyFailureException ex) {
			// a concurrent filing with the same key won the unique constraint
			return this.store.findByKey(client.id(), key).map(other -> replay(other, sha))
				.orElseThrow(() -> inProgress());
		}
		if (client.autoApprove()) {
			try {
				start(this.store.find(id).orElseThrow(), plan, client.name() + " (auto-approve policy)", null);
			}
			catch (RequestProblem refused) {
				// the engine refused to start (e.g. the name is in use): the request waits for a manual approval
			}
			store(id);
		}
		return this.viewer.view(this.store.find(id).orElseThrow());
	}

	/** Approves the request's current plan and starts its run. */
	RequestViews.RequestView approve(ApiClient client, StoredRequest row, @Nullable String planHash,
			@Nullable String reason) {
		if (row.clientId().equals(client.id())) {
			throw new RequestProblem(HttpStatus.FORBIDDEN, "Separation of duties: a client may not approve a request "
					+ "it filed itself; another client with requests:approve, or an ADMIN, must approve it.");
		}
		String status = this.viewer.status(row);
		if (!status.equals(RequestViewer.PENDING)) {
			throw new RequestProblem(HttpStatus.CONFLICT, "The request is " + status + ": only a request pending "
					+ "approval can be approved.");
		}
		Plan plan = replan(row);
		if (!plan.hash().equals(row.planHash())) {
			this.store.replan(row.id(), plan.hash(), this.json.writeValueAsString(RequestViewer.plan(plan)),
					this.clock.instant());
			throw new RequestProblem(HttpStatus.CONFLICT, "The plan changed since it was filed (the directory or the "
					+ "request differs now): review the new plan " + plan.hash() + " (GET the request) and approve it.");
		}
		if (planHash != null && !planHash.equals(plan.hash())) {
			throw new RequestProblem(HttpStatus.CONFLICT, "The approval is for plan " + planHash
					+ ", but the current plan is " + plan.hash() + ": review it and approve that one.");
		}
		if (!this.transactions.execute(tx -> {
			boolean moved = this.store.transition(row.id(), RequestViewer.PENDING, RequestViewer.APPROVED, null,
					this.clock.instant());
			if (moved) {
				this.audit.record(AuditEvent.of("api.request.approved", target(plan), AuditOutcome.SUCCESS)
					.withDetails(Map.of("requestId", row.id(), "planHash", plan.hash(), "filedBy", row.clientId(),
							"reason", String.valueOf(reason)))
					.withCorrelation(row.id(), row.ticketKey()));
			}
			return moved;
		})) {
			throw new RequestProblem(HttpStatus.CONFLICT, "The request was approved by someone else meanwhile.");
		}
		start(row, plan, client.name(), reason);
		return this.viewer.view(this.store.find(row.id()).orElseThrow());
	}

	/** Files the removal of a succeeded request's deployment, pending approval like any request. */
	RequestViews.RequestView decommission(ApiClient client, StoredRequest source) {
		if (!source.kind().equals(StoredRequest.PROVISION) || source.runId() == null) {
			throw new RequestProblem(HttpStatus.CONFLICT, "Only a provisioning request whose run succeeded can be "
					+ "decommissioned.");
		}
		Plan plan = refusalsAsConflict(() -> this.provisioning.decommissionPlan(source.runId()));
		String id = UUID.randomUUID().toString();
		var now = this.clock.instant();
		String status = client.autoApprove() ? RequestViewer.APPROVED : RequestViewer.PENDING;
		StoredRequest row = new StoredRequest(id, 0, client.id(), null, sha256("decommission:" + source.id()),
				StoredRequest.DECOMMISSION, source.id(), status, plan.hash(),
				this.json.writeValueAsString(RequestViewer.plan(plan)), source.requestJson(), source.ticketKey(), null,
				null, null, now, now);
		this.transactions.executeWithoutResult(tx -> {
			this.store.insert(row);
			this.audit.record(AuditEvent.of("api.request.decommission-filed", target(plan), AuditOutcome.SUCCESS)
				.withDetails(Map.of("requestId", id, "decommissions", source.id(), "planHash", plan.hash()))
				.withCorrelation(id, source.ticketKey()));
		});
		if (client.autoApprove()) {
			start(row, plan, client.name() + " (auto-approve policy)", null);
		}
		return this.viewer.view(this.store.find(id).orElseThrow());
	}

	private void start(StoredRequest row, Plan plan, String approvedBy, @Nullable String reason) {
		Approval approval = new Approval(plan.hash(), approvedBy, this.clock.instant(), reason);
		String runId;
		try {
			runId = row.kind().equals(StoredRequest.DECOMMISSION)
					? this.provisioning.decommission(sourceRun(row), approval) : this.provisioning.start(plan, approval);
		}
		catch (ProvisioningRefusedException ex) {
			this.store.transition(row.id(), RequestViewer.APPROVED, RequestViewer.PENDING, null, this.clock.instant());
			throw new RequestProblem(HttpStatus.CONFLICT, ex.getMessage());
		}
		this.store.transition(row.id(), RequestViewer.APPROVED, RequestViewer.RUNNING, runId, this.clock.instant());
	}

	private Plan replan(StoredRequest row) {
		if (row.kind().equals(StoredRequest.DECOMMISSION)) {
			return refusalsAsConflict(() -> this.provisioning.decommissionPlan(sourceRun(row)));
		}
		return plan(FilingReader.read(parse(row.requestJson())));
	}

	private Plan plan(Filing filing) {
		try {
			Plan first = this.provisioning.plan(filing.toRequest("domain.invalid"));
			return (filing.dnsHostName() != null) ? first : this.provisioning.plan(filing.toRequest(first.domain()));
		}
		catch (InvalidRequestException ex) {
			throw new ApiInputException(filing.apiField(ex.field()), ex.rule());
		}
	}

	private String sourceRun(StoredRequest row) {
		return this.store.find(java.util.Objects.requireNonNull(row.sourceRequestId())).map(StoredRequest::runId)
			.orElseThrow(() -> new RequestProblem(HttpStatus.CONFLICT, "The request to decommission is gone."));
	}

	private RequestViews.RequestView replay(StoredRequest earlier, String sha) {
		if (!earlier.bodySha256().equals(sha)) {
			throw new RequestProblem(HttpStatus.UNPROCESSABLE_CONTENT, "This Idempotency-Key was used for a "
					+ "different body: use a new key for a new request.");
		}
		if (earlier.responseJson() == null) {
			throw inProgress();
		}
		return this.json.readValue(earlier.responseJson(), RequestViews.RequestView.class);
	}

	private void store(String id) {
		StoredRequest row = this.store.find(id).orElseThrow();
		this.store.respond(id, 201, this.json.writeValueAsString(this.viewer.view(row)));
	}

	private JsonNode parse(String raw) {
		try {
			return this.json.readTree(raw);
		}
		catch (JacksonException ex) {
			// the parser's message quotes the input: never echo it
			throw new ApiInputException("body", "malformed");
		}
	}

	private static RequestProblem inProgress() {
		return new RequestProblem(HttpStatus.CONFLICT, "A request with this Idempotency-Key is still being "
				+ "processed: retry in a moment to get its response.");
	}

	private static Plan refusalsAsConflict(java.util.function.Supplier<Plan> planner) {
		try {
			return planner.get();
		}
		catch (ProvisioningRefusedException ex) {
			throw new RequestProblem(HttpStatus.CONFLICT, ex.getMessage());
		}
	}

	private static String target(Plan plan) {
		return plan.request().gmsaName() + "@" + plan.domain();
	}

	static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
