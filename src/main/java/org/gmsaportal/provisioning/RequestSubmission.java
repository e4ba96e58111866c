package org.gmsaportal.provisioning;

import org.jspecify.annotations.Nullable;

/**
 * What a front door files: the request as its client sent it, with what identifies it.
 *
 * @param clientId the filing API client
 * @param idempotencyKey the client's key, null for decommission requests
 * @param bodySha256 SHA-256 of the body as parsed
 * @param kind what it asks for
 * @param sourceRequestId for a decommission request, the request whose deployment it removes
 * @param requestJson the filing body as parsed
 * @param ticketKey the ticket key, if any
 */
public record RequestSubmission(String clientId, @Nullable String idempotencyKey, String bodySha256, RequestKind kind,
		@Nullable String sourceRequestId, String requestJson, @Nullable String ticketKey) {
}
