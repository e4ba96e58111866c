package org.gmsaportal.api.v1;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.gmsaportal.provisioning.RunView;
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
	 * @param portableIdentity for portable hosts, who stores the identity, where, and what the platform needs
	 */
	record PlanView(String domain, boolean runnable, List<PlannedStepView> steps,
			@Nullable PortableIdentityView portableIdentity) {
	}

	/**
	 * One planned step: what it acts on, what the live lookup found it will do, and the command it replaces
	 * (PowerShell, kubectl, az or aws; a password is always elided as {@code <password>}).
	 */
	record PlannedStepView(int index, String kind, String target, String intent, String description,
			@Nullable String command) {
	}

	/**
	 * How a portable identity reaches the node's plug-in.
	 *
	 * @param secretDelivery {@code store} (the run writes it) or {@code manual} (an admin does, shown the password
	 * once)
	 * @param destination the store and the secret's name, if the portal knows the plug-in's store
	 * @param command the store's command with the password elided as {@code <password>}
	 * @param platformCommands what the cloud platform needs and the portal cannot do: az aks update, Key Vault
	 * access, the node role's IAM policy
	 */
	record PortableIdentityView(String secretDelivery, @Nullable String destination, @Nullable String command,
			List<PlatformCommandView> platformCommands) {
	}

	/** One platform command: {@code topic} is aks-gmsa, keyvault-policy, keyvault-rbac, iam-policy or iam-attach. */
	record PlatformCommandView(String topic, String command) {
	}

	/**
	 * One step with its outcome: state PENDING, RUNNING, SUCCEEDED, FAILED or SKIPPED; {@code budget} is what its
	 * last attempt cost (LDAP reads, writes, binds, milliseconds), once it finished.
	 */
	record StepView(int index, String kind, String target, String intent, String description, String state,
			@Nullable String result, @Nullable String detail, RunView.@Nullable Budget budget) {
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
