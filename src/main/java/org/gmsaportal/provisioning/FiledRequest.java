package org.gmsaportal.provisioning;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A provisioning or decommission request filed through the API, with the plan an approval must bind.
 *
 * @param id the request id used in URLs
 * @param seq insertion order, the list cursor
 * @param clientId the API client that filed it
 * @param idempotencyKey the client's key, null for decommission requests
 * @param bodySha256 SHA-256 of the body as parsed, to tell a replay from a different body
 * @param kind what it asks for
 * @param sourceRequestId for a decommission request, the request whose deployment it removes
 * @param status PENDING_APPROVAL, APPROVED, RUNNING or REJECTED as stored; the run decides the rest
 * @param planHash the hash of the plan awaiting approval
 * @param planJson the plan awaiting approval, as a {@link PlanSummary}
 * @param requestJson the filing body as parsed (for a decommission request, the source request's)
 * @param ticketKey the ticket key, if any
 * @param runId the run, once started
 * @param responseStatus the HTTP status of the stored response, once the filing finished
 * @param responseJson the response to replay, once the filing finished
 * @param createdAt when it was filed
 * @param updatedAt when it last changed
 * @param decision who approved or rejected it, once someone did
 * @param engineRequestJson the engine's request, which an approval plans again; null for requests filed before
 * it was kept
 */
public record FiledRequest(String id, long seq, String clientId, @Nullable String idempotencyKey, String bodySha256,
		RequestKind kind, @Nullable String sourceRequestId, RequestStatus status, String planHash, String planJson,
		String requestJson, @Nullable String ticketKey, @Nullable String runId, @Nullable Integer responseStatus,
		@Nullable String responseJson, Instant createdAt, Instant updatedAt, @Nullable RequestDecision decision,
		@Nullable String engineRequestJson) {

	/** This row with the answer its filing keeps for replays. */
	FiledRequest withResponse(int status, String json) {
		return new FiledRequest(this.id, this.seq, this.clientId, this.idempotencyKey, this.bodySha256, this.kind,
				this.sourceRequestId, this.status, this.planHash, this.planJson, this.requestJson, this.ticketKey,
				this.runId, status, json, this.createdAt, this.updatedAt, this.decision, this.engineRequestJson);
	}

	/** The engine's request, if it was kept with the filing. */
	public @Nullable ProvisioningRequest request() {
		return (this.engineRequestJson != null) ? Canonical.request(this.engineRequestJson) : null;
	}

}
