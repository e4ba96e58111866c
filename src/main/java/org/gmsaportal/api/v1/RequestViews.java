package org.gmsaportal.api.v1;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The JSON shapes the provisioning-request endpoints answer with.
 */
final class RequestViews {

	private RequestViews() {
	}

	/**
	 * A provisioning or decommission request.
	 *
	 * @param id the request id
	 * @param kind PROVISION or DECOMMISSION
	 * @param status PENDING_APPROVAL, APPROVED, RUNNING, SUCCEEDED, FAILED, DECOMMISSIONED or REJECTED
	 * @param planHash the hash an approval binds
	 * @param plan the plan as computed at filing (or at the last approval attempt)
	 * @param steps the run's steps with their outcomes; the plan's steps, PENDING, before the run starts
	 * @param ticketKey the ticket key, if any
	 * @param decommissions for a decommission request, the request it removes
	 * @param runId the run, once started
	 * @param failure why the run failed, if it did (or, for a step in NEEDS_ATTENTION, what blocks it and what to do)
	 * @param createdAt when it was filed
	 * @param links related resources
	 * @param rejectionReason why it was rejected, if it was
	 */
	record RequestView(String id, String kind, String status, String planHash, PlanView plan, List<StepView> steps,
			@Nullable String ticketKey, @Nullable String decommissions, @Nullable String runId,
			@Nullable String failure, Instant createdAt, Map<String, String> links, @Nullable String rejectionReason) {
	}

	/**
	 * What a run will do.
	 *
	 * @param domain the directory's domain
	 * @param runnable false if a step is blocked
	 * @param steps the steps in order
	 */
	record PlanView(String domain, boolean runnable, List<PlannedStepView> steps) {
	}

	/** One planned step: what it acts on and what the live lookup found it will do. */
	record PlannedStepView(int index, String kind, String target, String intent, String description) {
	}

	/** One step with its outcome: state PENDING, RUNNING, SUCCEEDED, FAILED or SKIPPED. */
	record StepView(int index, String kind, String target, String intent, String description, String state,
			@Nullable String result, @Nullable String detail) {
	}

	/**
	 * One page of requests, oldest first.
	 *
	 * @param items the requests
	 * @param nextCursor pass back as {@code cursor} for the next page; null on the last page
	 */
	record RequestPage(List<RequestView> items, @Nullable String nextCursor) {
	}

}
