package org.gmsaportal.api.v1;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One row of {@code api_request}: a provisioning or decommission request filed through the API.
 *
 * @param id the request id used in URLs
 * @param seq insertion order, the list cursor
 * @param clientId the API client that filed it
 * @param idempotencyKey the client's key, null for decommission requests
 * @param bodySha256 SHA-256 of the body as parsed, to tell a replay from a different body
 * @param kind PROVISION or DECOMMISSION
 * @param sourceRequestId for a decommission request, the request whose deployment it removes
 * @param status PENDING_APPROVAL, APPROVED, RUNNING or REJECTED as stored; the run decides the rest
 * @param planHash the hash of the plan awaiting approval
 * @param planJson the plan as shown to the client
 * @param requestJson the filing body as parsed (for a decommission request, the source request's)
 * @param ticketKey the ticket key, if any
 * @param runId the run, once started
 * @param responseStatus the HTTP status of the stored response, once the filing finished
 * @param responseJson the response to replay, once the filing finished
 * @param createdAt when it was filed
 * @param updatedAt when it last changed
 * @param decision who approved or rejected it, once someone did
 */
record StoredRequest(String id, long seq, String clientId, @Nullable String idempotencyKey, String bodySha256,
		String kind, @Nullable String sourceRequestId, String status, String planHash, String planJson,
		String requestJson, @Nullable String ticketKey, @Nullable String runId, @Nullable Integer responseStatus,
		@Nullable String responseJson, Instant createdAt, Instant updatedAt, @Nullable RequestDecision decision) {

	static final String PROVISION = "PROVISION";

	static final String DECOMMISSION = "DECOMMISSION";

}
