package org.gmsaportal.web.requests;

import java.time.Instant;
import java.util.List;

import org.gmsaportal.provisioning.PlannedStep;
import org.gmsaportal.provisioning.RequestStatus;
import org.jspecify.annotations.Nullable;

/**
 * What the review pages of API-filed requests show, for {@link RequestReview}'s callers in the browser front door.
 */
final class ReviewViews {

	private ReviewViews() {
	}

	/**
	 * A request in the list.
	 *
	 * @param id the request id
	 * @param kind PROVISION or DECOMMISSION
	 * @param status as the API reports it
	 * @param client the name of the API client that filed it
	 * @param account the gMSA it is about
	 * @param ticketKey the ticket key, if any
	 * @param createdAt when it was filed
	 */
	public record Summary(String id, String kind, String status, String client, String account,
			@Nullable String ticketKey, Instant createdAt) {

		public boolean pending() {
			return this.status.equals(RequestStatus.PENDING_APPROVAL.name());
		}

	}

	/** The ticket the request belongs to; the URL was checked to be http or https at filing. */
	public record Ticket(@Nullable String system, @Nullable String key, @Nullable String url) {
	}

	/**
	 * What the ticket asked for, with the API's defaults applied.
	 *
	 * @param directory the directory connection
	 * @param gmsa the gMSA name
	 * @param dnsHostName its DNS host name (null: {@code <name>.<domain>})
	 * @param spns its service principal names
	 * @param encryptionTypes its Kerberos encryption types
	 * @param group the group of hosts allowed to retrieve the password
	 * @param hosts {@code domainJoined} or {@code portable}
	 * @param members the domain-joined hosts' computer accounts
	 * @param portableUser the portable user, for portable hosts
	 * @param plugin the ccg.exe plug-in, for portable hosts
	 * @param cluster the cluster connection, or null for export only
	 * @param namespace the workload's namespace
	 * @param serviceAccount the workload's service account
	 * @param credentialSpec the GMSACredentialSpec name
	 */
	public record Asked(String directory, String gmsa, @Nullable String dnsHostName, List<String> spns,
			List<String> encryptionTypes, String group, String hosts, List<String> members,
			@Nullable String portableUser, @Nullable String plugin, @Nullable String cluster, String namespace,
			String serviceAccount, String credentialSpec) {
	}

	/** One planned step and the command it replaces (null if it cannot be built from the stored request). */
	public record PlanRow(PlannedStep step, @Nullable String command) {
	}

	/** One run step with its outcome. */
	public record StepRow(int index, String kind, String target, String state, @Nullable String result,
			@Nullable String detail) {
	}

	/**
	 * One callback delivery attempt.
	 *
	 * @param attemptedAt when
	 * @param eventId the event, the same on each retry
	 * @param status the status the event carries
	 * @param attempt 1 for the first attempt of the event
	 * @param httpStatus the receiver's answer, if it answered
	 * @param error why it failed, if it did
	 * @param delivered whether the receiver acknowledged it
	 * @param nextAttemptAt the retry, if one is scheduled
	 * @param gaveUp whether the portal stopped retrying the event
	 */
	public record Delivery(Instant attemptedAt, String eventId, String status, int attempt,
			@Nullable Integer httpStatus, @Nullable String error, boolean delivered, @Nullable Instant nextAttemptAt,
			boolean gaveUp) {
	}

	/**
	 * A request with everything a reviewer needs.
	 *
	 * @param summary the list's columns
	 * @param ticket the ticket, if the filing named one
	 * @param asked what was asked, or null if the stored filing can no longer be read
	 * @param callbackHost scheme and host of the callback URL (never its path: it may hold a token), or null
	 * @param planHash the hash an approval binds
	 * @param domain the plan's domain
	 * @param runnable false if a step is blocked
	 * @param plan the plan's steps with their commands
	 * @param steps the run's steps with outcomes, once there is a run
	 * @param runId the run, once started
	 * @param failure why the run failed, if it did
	 * @param decision the approval or rejection, once made
	 * @param decommissions for a decommission request, the request it removes
	 * @param deliveries the callback delivery log, oldest first
	 */
	public record Detail(Summary summary, @Nullable Ticket ticket, @Nullable Asked asked,
			@Nullable String callbackHost, String planHash, String domain, boolean runnable, List<PlanRow> plan,
			List<StepRow> steps, @Nullable String runId, @Nullable String failure,
			@Nullable Decision decision, @Nullable String decommissions, List<Delivery> deliveries) {
	}

	/**
	 * The approval or rejection of the request.
	 *
	 * @param verdict APPROVED or REJECTED
	 * @param by the API client or ADMIN who decided, or the auto-approve policy with the client it applied to
	 * @param at when
	 * @param reason why: optional for an approval, required for a rejection
	 */
	public record Decision(String verdict, String by, Instant at, @Nullable String reason) {
	}

	/** An approval or rejection that cannot be done now; the message says why and what to do. */
	public static class Refused extends RuntimeException {

		Refused(String message) {
			super(message);
		}

	}

}
