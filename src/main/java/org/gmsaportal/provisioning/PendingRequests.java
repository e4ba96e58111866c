package org.gmsaportal.provisioning;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Filed requests that wait for a decision.
 *
 * @param count how many
 * @param oldestFiledAt when the oldest of them was filed; {@code null} if none waits
 */
public record PendingRequests(long count, @Nullable Instant oldestFiledAt) {

	/** The list of these requests in the browser, for a link. */
	public static final String LIST_PATH = "/api-requests?status=PENDING_APPROVAL";

}
