package org.gmsaportal.callbacks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.gmsaportal.provisioning.FiledRequest;
import org.gmsaportal.provisioning.ProvisioningRequests;
import org.gmsaportal.provisioning.RequestStatus;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.security.ApiTokens;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Posts signed status callbacks for requests filed with a {@code callbackUrl}. Each poll computes every
 * such request's status; when it differs from the status of the request's last finished (delivered or
 * given-up) event, a new event is sent. A failed event is retried, with the same id and body, after 10 s,
 * 30 s, 90 s, ... (capped at one hour) until {@code gmsa.api.callbacks.retry-for} (24 h) after its first
 * attempt, then given up; the next status change starts a new event. Delivery is at least once.
 * <p>
 * Signing follows Standard Webhooks: headers {@code webhook-id}, {@code webhook-timestamp} (unix seconds)
 * and {@code webhook-signature: v1,<base64 HMAC-SHA256 over "id.timestamp.body">}. The key is the client's
 * signing secret {@code whsec_<base64>} with the prefix removed and the base64 decoded, as the Standard
 * Webhooks libraries do; a secret that is not valid base64 would be used as its UTF-8 bytes. The secret and
 * the signature are never logged nor audited, and neither is the callback URL (it may carry a token): the
 * audit names the URL's scheme and host only.
 * <p>
 * Before each attempt the URL is checked again with {@link CallbackPolicy} (the host's addresses may have
 * changed since filing), and the connection goes to exactly the addresses that check approved
 * ({@link CallbackAddresses}); redirects are never followed ({@link CallbackTransport}).
 * <p>
 * Finished requests leave the poll ({@link CallbackWatch}): once a request's last event went out or was given
 * up, a request whose status only an action can change (pending, succeeded, failed) is looked at only by a sweep
 * every {@code gmsa.api.callbacks.sweep-interval} (10 min) or when something wakes it ({@link CallbackWakeUps}:
 * an approval or rejection, an action on the runs pages, a run that ends); a request in a final status (rejected,
 * decommissioned, abandoned) is never looked at again. Several portal instances may poll one database: each
 * request is worked on under a lease ({@link CallbackClaimRepository}), so one event is sent by one instance only;
 * an instance that dies mid-delivery leaves its lease to expire after two minutes, and the event may then be sent
 * again (at least once).
 */
@Component
class CallbackDelivery {

	static final String TYPE = "provisioning-request.status";

	static final Duration FIRST_RETRY = Duration.ofSeconds(10);

	static final Duration MAX_RETRY = Duration.ofHours(1);

	/**
	 * Longer than one attempt may take (gmsa.api.callbacks.attempt-timeout, 15 s), so a lease does not expire
	 * mid-delivery.
	 */
	static final Duration LEASE = Duration.ofMinutes(2);

	/** Statuses only an action changes: once their event went out, the sweep is enough. */
	private static final Set<String> QUIET = Set.of(RequestStatus.PENDING_APPROVAL.name(), "SUCCEEDED", "FAILED");

	private static final Logger log = LoggerFactory.getLogger(CallbackDelivery.class);

	private final ProvisioningRequests requests;

	private final CallbackAttemptRepository deliveries;

	private final CallbackClaimRepository claims;

	private final CallbackSender sender;

	private final JsonMapper json;

	private final Duration sweepInterval;

	/** Names this instance in the leases it takes. */
	private final String claimant = "poller-" + UUID.randomUUID();

	private final Clock clock = Clock.systemUTC();

	private Instant nextSweep = Instant.MIN;

	CallbackDelivery(ProvisioningRequests requests, CallbackAttemptRepository deliveries, CallbackClaimRepository claims,
			CallbackSender sender, JsonMapper json,
			CallbackSettings settings) {
		this.requests = requests;
		this.deliveries = deliveries;
		this.claims = claims;
		this.sender = sender;
		this.json = json;
		this.sweepInterval = settings.callbacks().sweepInterval();
	}

	void scheduledPoll() {
		poll(this.clock.instant());
	}

	/** Sends what is due at {@code now}: new statuses and retries whose time has come. */
	synchronized void poll(Instant now) {
		boolean sweep = !now.isBefore(this.nextSweep);
		if (sweep) {
			this.nextSweep = now.plus(this.sweepInterval);
		}
		for (String id : this.claims.watched(sweep)) {
			// the lease starts now, not when the poll started: a long poll must not take leases born expired
			if (!claim(id, this.clock.instant())) {
				continue;
			}
			try {
				// read after the lease is taken: another instance may have just sent an event or started the run
				this.requests.find(id).ifPresent(row -> deliver(row, now));
			}
			catch (RuntimeException ex) {
				// one request's trouble must not stop the others' callbacks
				log.warn("Callback poll failed for request {}: {}", id, ex.getClass().getSimpleName());
			}
			finally {
				this.claims.release(id, this.claimant);
			}
		}
	}

	/** The delay before the retry that follows attempt {@code attempt} (1-based): 10 s × 3^(attempt-1), capped. */
	static Duration backoff(int attempt) {
		Duration delay = FIRST_RETRY;
		for (int i = 1; i < attempt && delay.compareTo(MAX_RETRY) < 0; i++) {
			delay = delay.multipliedBy(3);
		}
		return (delay.compareTo(MAX_RETRY) > 0) ? MAX_RETRY : delay;
	}

	/** The Standard Webhooks signature header value for one message. */
	static String signature(String secret, String id, long timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
			byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 unavailable", ex);
		}
	}

	static byte[] key(String secret) {
		String encoded = secret.startsWith(ApiTokens.SECRET_PREFIX)
				? secret.substring(ApiTokens.SECRET_PREFIX.length()) : secret;
		try {
			return Base64.getDecoder().decode(encoded);
		}
		catch (IllegalArgumentException ex) {
			return secret.getBytes(StandardCharsets.UTF_8);
		}
	}

	private boolean claim(String id, Instant now) {
		try {
			return this.claims.claim(id, this.claimant, now, now.plus(LEASE));
		}
		catch (DataAccessException ex) {
			// a database that reports the other instance's concurrent claim as a conflict: that one has it
			return false;
		}
	}

	private void deliver(FiledRequest row, Instant now) {
		String url = callbackUrl(row);
		if (url == null) {
			this.claims.watch(row.id(), CallbackWatch.DONE);
			return;
		}
		RunView run = this.requests.run(row).orElse(null);
		String status = RequestStatus.of(row.status(), run).name();
		Optional<CallbackAttemptRepository.Attempt> last = this.deliveries.latest(row.id());
		if (last.isPresent() && last.get().pending()) {
			CallbackAttemptRepository.Attempt retry = last.get();
			if (retry.nextAttemptAt() == null || retry.nextAttemptAt().isAfter(now)) {
				return;
			}
			Instant first = this.deliveries.firstAttempt(retry.eventId()).orElse(retry.attemptedAt());
			this.sender.send(row, url, retry.eventId(), retry.status(), retry.eventJson(), retry.attempt() + 1, first,
					now);
		}
		else if (last.isEmpty() || !last.get().status().equals(status)) {
			String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
			Map<String, Object> event = new LinkedHashMap<>();
			event.put("id", eventId);
			event.put("type", TYPE);
			event.put("requestId", row.id());
			event.put("status", status);
			event.put("ticket", ticket(row));
			event.put("time", now.toString());
			this.sender.send(row, url, eventId, status, this.json.writeValueAsString(event), 1, now, now);
			if (row.sourceRequestId() != null) {
				// a decommission request moved: the request whose deployment it removes may have moved too
				this.claims.wake(row.sourceRequestId());
			}
		}
		settle(row, status, run);
	}

	/**
	 * Takes the request out of the poll once its current status went out and only an action can change it; puts
	 * it back while an event waits for a retry or its run is going.
	 */
	private void settle(FiledRequest row, String status, @Nullable RunView run) {
		Optional<CallbackAttemptRepository.Attempt> latest = this.deliveries.latest(row.id());
		CallbackWatch watch = CallbackWatch.ACTIVE;
		if (latest.isPresent() && !latest.get().pending() && latest.get().status().equals(status)) {
			if (status.equals(RequestStatus.REJECTED.name()) || status.equals("DECOMMISSIONED")
					|| (run != null && run.state() == RunState.ABANDONED)) {
				watch = CallbackWatch.DONE;
			}
			else if (QUIET.contains(status)) {
				watch = CallbackWatch.QUIET;
			}
		}
		this.claims.watch(row.id(), watch);
	}

	private @Nullable String callbackUrl(FiledRequest row) {
		JsonNode url = this.json.readTree(row.requestJson()).get("callbackUrl");
		return (url != null && url.isString() && !url.asString().isBlank()) ? url.asString() : null;
	}

	private @Nullable Object ticket(FiledRequest row) {
		JsonNode ticket = this.json.readTree(row.requestJson()).get("ticket");
		return (ticket != null && ticket.isObject()) ? ticket : null;
	}

}
