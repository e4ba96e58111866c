package org.gmsaportal.api.v1;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.gmsaportal.security.ApiClient;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiTokens;
import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.provisioning.Plan;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Files provisioning and decommission requests idempotently: plans through the engine, keeps each request with
 * its plan hash, audits the filing with the client as actor and the ticket, and, for a client the auto-approve
 * policy covers, approves it in the same transaction and starts the run once the filing is committed.
 */
@Service
class RequestFiling {

	static final int MAX_BODY = 64 * 1024;

	private final ApiRequestStore store;

	private final RequestPlans plans;

	private final RequestDecisions decisions;

	private final RequestViewer viewer;

	private final CallbackPolicy callbacks;

	private final ApiClients clients;

	private final AuditTrail audit;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final Clock clock = Clock.systemUTC();

	RequestFiling(ApiRequestStore store, RequestPlans plans, RequestDecisions decisions, RequestViewer viewer,
			CallbackPolicy callbacks, ApiClients clients, AuditTrail audit,
			TransactionTemplate transactions, JsonMapper json) {
		this.store = store;
		this.plans = plans;
		this.decisions = decisions;
		this.viewer = viewer;
		this.callbacks = callbacks;
		this.clients = clients;
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
		JsonNode body = this.plans.parse(raw);
		Filing filing = FilingReader.read(body);
		if (filing.callbackUrl() != null) {
			this.callbacks.check(filing.callbackUrl(), client);
		}
		String canonical = this.json.writeValueAsString(body);
		String sha = ApiTokens.hash(canonical);
		var earlier = this.store.findByKey(client.id(), key);
		if (earlier.isPresent()) {
			return replay(earlier.get(), sha);
		}
		Plan plan = this.plans.plan(filing);
		String id = UUID.randomUUID().toString();
		var now = this.clock.instant();
		String ticket = (filing.ticket() != null) ? filing.ticket().key() : null;
		boolean autoApprove = this.clients.autoApproves(client);
		StoredRequest row = new StoredRequest(id, 0, client.id(), key, sha, StoredRequest.PROVISION, null,
				RequestViewer.PENDING, plan.hash(), this.plans.planJson(plan), canonical, ticket, null, null, null, now,
				now, null);
		// the response returned is the one stored for replays, to the byte
		AtomicReference<RequestViews.RequestView> response = new AtomicReference<>();
		try {
			this.transactions.executeWithoutResult(tx -> {
				this.store.insert(row);
				this.audit.record(AuditEvent.of("api.request.filed", RequestPlans.target(plan), AuditOutcome.SUCCESS)
					.withDetails(Map.of("requestId", id, "planHash", plan.hash(), "client", client.name(),
							"autoApprove", autoApprove))
					.withCorrelation(id, ticket));
				if (autoApprove) {
					this.decisions.approveByPolicy(client, row, plan);
				}
				else {
					response.set(respond(id));
				}
			});
		}
		catch (DataIntegrityViolationException | ConcurrencyFailureException ex) {
			// a concurrent filing with the same key won the unique constraint
			return this.store.findByKey(client.id(), key).map(other -> replay(other, sha))
				.orElseThrow(() -> inProgress());
		}
		if (autoApprove) {
			this.decisions.startByPolicy(client, row, plan);
			response.set(respond(id));
		}
		return response.get();
	}

	/** Files the removal of a succeeded request's deployment, pending approval like any request. */
	RequestViews.RequestView decommission(ApiClient client, StoredRequest source) {
		if (!source.kind().equals(StoredRequest.PROVISION) || source.runId() == null) {
			throw new RequestProblem(HttpStatus.CONFLICT, "Only a provisioning request whose run succeeded can be "
					+ "decommissioned.");
		}
		Plan plan = this.plans.decommissionPlan(source.runId());
		String id = UUID.randomUUID().toString();
		var now = this.clock.instant();
		boolean autoApprove = this.clients.autoApproves(client);
		StoredRequest row = new StoredRequest(id, 0, client.id(), null, ApiTokens.hash("decommission:" + source.id()),
				StoredRequest.DECOMMISSION, source.id(), RequestViewer.PENDING, plan.hash(), this.plans.planJson(plan),
				requestJson(client, source), source.ticketKey(), null, null, null, now, now, null);
		this.transactions.executeWithoutResult(tx -> {
			this.store.insert(row);
			this.audit.record(AuditEvent.of("api.request.decommission-filed", RequestPlans.target(plan),
					AuditOutcome.SUCCESS)
				.withDetails(Map.of("requestId", id, "decommissions", source.id(), "planHash", plan.hash(),
						"autoApprove", autoApprove))
				.withCorrelation(id, source.ticketKey()));
			if (autoApprove) {
				this.decisions.approveByPolicy(client, row, plan);
			}
		});
		if (autoApprove) {
			this.decisions.startByPolicy(client, row, plan);
		}
		return this.viewer.view(this.store.find(id).orElseThrow());
	}

	/**
	 * The decommission's copy of the source request: with its callbackUrl only for the client that filed the source.
	 * Callbacks are checked against the filer's allowed hosts and signed with the filer's secret, so another
	 * client's receiver must not get them signed with this client's key.
	 */
	private String requestJson(ApiClient client, StoredRequest source) {
		if (client.id().equals(source.clientId())) {
			return source.requestJson();
		}
		JsonNode copy = this.json.readTree(source.requestJson());
		if (copy instanceof ObjectNode object) {
			object.remove("callbackUrl");
		}
		return this.json.writeValueAsString(copy);
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

	/** Keeps the response to replay for the same key and body, and returns it. */
	private RequestViews.RequestView respond(String id) {
		RequestViews.RequestView view = this.viewer.view(this.store.find(id).orElseThrow());
		this.store.respond(id, 201, this.json.writeValueAsString(view));
		return view;
	}

	private static RequestProblem inProgress() {
		return new RequestProblem(HttpStatus.CONFLICT, "A request with this Idempotency-Key is still being "
				+ "processed: retry in a moment to get its response.");
	}

}
