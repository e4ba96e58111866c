package org.gmsaportal.api;

import java.time.Instant;

import org.gmsaportal.api.v1.RequestReview;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The API-filed requests that wait for an ADMIN's approval, as a count for the dashboards; the requests themselves
 * are on {@code /api-requests}.
 */
@Component
public class PendingApiRequests {

	/** The list of these requests in the browser, for a link. */
	public static final String LIST_PATH = "/api-requests?status=PENDING_APPROVAL";

	private final RequestReview review;

	PendingApiRequests(RequestReview review) {
		this.review = review;
	}

	/** How many wait now, and since when the oldest of them waits. */
	public Summary summary() {
		return this.review.pending();
	}

	/**
	 * Requests waiting for approval.
	 *
	 * @param count how many
	 * @param oldestFiledAt when the oldest of them was filed; {@code null} if none waits
	 */
	public record Summary(long count, @Nullable Instant oldestFiledAt) {
	}

}
