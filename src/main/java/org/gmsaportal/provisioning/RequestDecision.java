package org.gmsaportal.provisioning;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The approval or rejection of a filed request.
 *
 * @param verdict APPROVED or REJECTED
 * @param by the API client or ADMIN who decided, or the auto-approve policy with the client it applied to
 * @param at when
 * @param reason why: optional for an approval, required for a rejection
 */
public record RequestDecision(RequestStatus verdict, String by, Instant at, @Nullable String reason) {
}
