package org.gmsaportal.api.v1;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.gmsaportal.audit.AuditUnavailableException;
import org.gmsaportal.callbacks.CallbackPolicy;
import org.gmsaportal.cluster.ClusterOperationException;
import org.gmsaportal.directory.DirectoryException;
import org.gmsaportal.provisioning.Decider;
import org.gmsaportal.provisioning.FiledRequest;
import org.gmsaportal.provisioning.Plan;
import org.gmsaportal.provisioning.PortableRotations;
import org.gmsaportal.provisioning.ProvisioningRefusedException;
import org.gmsaportal.provisioning.ProvisioningRequests;
import org.gmsaportal.provisioning.RequestKind;
import org.gmsaportal.provisioning.RequestStatus;
import org.gmsaportal.provisioning.RequestSubmission;
import org.gmsaportal.security.ApiClient;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiTokens;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Files provisioning and decommission requests idempotently: plans through the engine, keeps each request with
 * its plan hash, audits the filing with the client as actor and the ticket, and, for a client the auto-approve
 * policy covers, approves it in the same transaction and starts the run once the filing is committed.
 */
@Service
class RequestFiling {

	static final int MAX_BODY = 64 * 1024;

	private static final Logger logger = LoggerFactory.getLogger(RequestFiling.class);

	private final ProvisioningRequests requests;

	private final PortableRotations rotations;

	private final RequestPlans plans;

	private final RequestViewer viewer;

	private final CallbackPolicy callbacks;

	private final ApiClients clients;

	private final JsonMapper json;

	RequestFiling(ProvisioningRequests requests, PortableRotations rotations, RequestPlans plans,
			RequestViewer viewer, CallbackPolicy callbacks,
			ApiClients clients, JsonMapper json) {
		this.requests = requests;
		this.rotations = rotations;
		this.plans = plans;
		this.viewer = viewer;
		this.callbacks = callbacks;
		this.clients = clients;
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
		var earlier = this.requests.findByKey(client.id(), key);
		if (earlier.isPresent()) {
			return replay(earlier.get(), sha);
		}
		Plan plan = this.plans.plan(filing);
		this.plans.refuseBlocked(filing, plan);
		String id = UUID.randomUUID().toString();
		String ticket = (filing.ticket() != null) ? filing.ticket().key() : null;
		boolean autoApprove = this.clients.autoApproves(client);
		Decider policy = autoApprove ? Decider.policy(client.name()) : null;
		// the response returned is the one stored for replays, to the byte; it is made from the row before the
		// filing's transaction, whose audit event holds the chain's head until the commit
		AtomicReference<RequestViews.RequestView> response = new AtomicReference<>();
		Function<FiledRequest, String> answer = (filed) -> {
			response.set(this.viewer.view(filed));
			return this.json.writeValueAsString(response.get());
		};
		FiledRequest row;
		try {
			row = this.requests.file(id, new RequestSubmission(client.id(), key, sha, RequestKind.PROVISION, null,
					canonical, ticket), plan, "api.request.filed",
					Map.of("requestId", id, "planHash", plan.hash(), "client", client.name(), "autoApprove",
							autoApprove),
					policy, (policy == null) ? answer : null);
		}
		catch (DataIntegrityViolationException | ConcurrencyFailureException ex) {
			// a concurrent filing with the same key won the unique constraint
			return this.requests.findByKey(client.id(), key).map(other -> replay(other, sha))
				.orElseThrow(() -> inProgress());
		}
		if (policy != null) {
			startByPolicy(policy, row);
			response.set(respond(id));
		}
		return java.util.Objects.requireNonNull(response.get());
	}

	/** Files the removal of a succeeded request's deployment, pending approval like any request. */
	RequestViews.RequestView decommission(ApiClient client, FiledRequest source) {
		if (source.kind() != RequestKind.PROVISION || source.runId() == null) {
			throw new RequestProblem(HttpStatus.CONFLICT, "Only a provisioning request whose run succeeded can be "
					+ "decommissioned.");
		}
		Plan plan = this.requests.decommissionPlan(source.runId());
		String id = UUID.randomUUID().toString();
		boolean autoApprove = this.clients.autoApproves(client);
		Decider policy = autoApprove ? Decider.policy(client.name()) : null;
		FiledRequest row = this.requests.file(id, new RequestSubmission(client.id(), null,
				ApiTokens.hash("decommission:" + source.id()), RequestKind.DECOMMISSION, source.id(),
				requestJson(client, source), source.ticketKey()), plan, "api.request.decommission-filed",
				Map.of("requestId", id, "decommissions", source.id(), "planHash", plan.hash(), "autoApprove",
						autoApprove),
				policy);
		if (policy != null) {
			startByPolicy(policy, row);
		}
		return this.viewer.view(this.requests.find(id).orElseThrow());
	}

	/**
	 * Files the rotation of a succeeded request's portable identity, pending approval like any request (the API's
	 * auto-approve policy applies). Refused with 409 when its run wrote no identity to a store, or a rotation of it
	 * is open.
	 */
	RequestViews.RequestView rotation(ApiClient client, FiledRequest source) {
		if (source.kind() != RequestKind.PROVISION || source.runId() == null) {
			throw new RequestProblem(HttpStatus.CONFLICT, "Only a provisioning request whose run succeeded has a "
					+ "portable identity to rotate.");
		}
		Plan plan = this.rotations.plan(source.runId());
		String id = UUID.randomUUID().toString();
		boolean autoApprove = this.clients.autoApproves(client);
		Decider policy = autoApprove ? Decider.policy(client.name()) : null;
		FiledRequest row = this.requests.file(id, new RequestSubmission(client.id(), null,
				ApiTokens.hash("rotation:" + source.id() + ":" + id), RequestKind.ROTATION, source.id(),
				requestJson(client, source), source.ticketKey()), plan, "api.request.rotation-filed",
				Map.of("requestId", id, "rotates", source.id(), "planHash", plan.hash(), "autoApprove", autoApprove),
				policy);
		if (policy != null) {
			startByPolicy(policy, row);
		}
		return this.viewer.view(this.requests.find(id).orElseThrow());
	}

	/**
	 * After the filing committed: starts the run the policy approved. If that fails, the request waits for a person
	 * or a client to approve it, once it is pending again and that is audited; so the filing still gets its answer,
	 * and a retry with the same Idempotency-Key the same one.
	 * @throws RuntimeException the failure, if the request could not be put back to pending
	 */
	private void startByPolicy(Decider policy, FiledRequest row) {
		try {
			this.requests.startApproved(policy, row);
		}
		catch (ProvisioningRefusedException refused) {
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

	private boolean pending(FiledRequest row) {
		return this.requests.find(row.id()).map(this.requests::status)
			.filter(RequestStatus.PENDING_APPROVAL::equals).isPresent();
	}

	/**
	 * The decommission's copy of the source request: with its callbackUrl only for the client that filed the source.
	 * Callbacks are checked against the filer's allowed hosts and signed with the filer's secret, so another
	 * client's receiver must not get them signed with this client's key.
	 */
	private String requestJson(ApiClient client, FiledRequest source) {
		if (client.id().equals(source.clientId())) {
			return source.requestJson();
		}
		JsonNode copy = this.json.readTree(source.requestJson());
		if (copy instanceof ObjectNode object) {
			object.remove("callbackUrl");
		}
		return this.json.writeValueAsString(copy);
	}

	private RequestViews.RequestView replay(FiledRequest earlier, String sha) {
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
		RequestViews.RequestView view = this.viewer.view(this.requests.find(id).orElseThrow());
		this.requests.respond(id, 201, this.json.writeValueAsString(view));
		return view;
	}

	private static RequestProblem inProgress() {
		return new RequestProblem(HttpStatus.CONFLICT, "A request with this Idempotency-Key is still being "
				+ "processed: retry in a moment to get its response.");
	}

}
