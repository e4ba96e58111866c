package org.gmsaportal.api.v1;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.gmsaportal.api.ApiClient;
import org.gmsaportal.api.ApiClients;
import org.gmsaportal.audit.Actor;
import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

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
 * changed since filing); redirects are never followed.
 */
@Component
class CallbackDelivery {

	static final String TYPE = "provisioning-request.status";

	static final Duration FIRST_RETRY = Duration.ofSeconds(10);

	static final Duration MAX_RETRY = Duration.ofHours(1);

	private static final String SECRET_PREFIX = "whsec_";

	private static final Logger log = LoggerFactory.getLogger(CallbackDelivery.class);

	private final ApiRequestStore requests;

	private final CallbackLog deliveries;

	private final RequestViewer viewer;

	private final CallbackPolicy policy;

	private final ApiClients clients;

	private final AuditTrail audit;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final Duration retryFor;

	private final Clock clock = Clock.systemUTC();

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	CallbackDelivery(ApiRequestStore requests, CallbackLog deliveries, RequestViewer viewer, CallbackPolicy policy,
			ApiClients clients, AuditTrail audit, TransactionTemplate transactions, JsonMapper json,
			@Value("${gmsa.api.callbacks.retry-for:24h}") Duration retryFor) {
		this.requests = requests;
		this.deliveries = deliveries;
		this.viewer = viewer;
		this.policy = policy;
		this.clients = clients;
		this.audit = audit;
		this.transactions = transactions;
		this.json = json;
		this.retryFor = retryFor;
	}

	@Scheduled(fixedDelayString = "${gmsa.api.callbacks.poll-interval:5s}",
			initialDelayString = "${gmsa.api.callbacks.poll-interval:5s}")
	void scheduledPoll() {
		poll(this.clock.instant());
	}

	/** Sends what is due at {@code now}: new statuses and retries whose time has come. */
	synchronized void poll(Instant now) {
		for (StoredRequest row : this.requests.withCallbacks()) {
			try {
				deliver(row, now);
			}
			catch (RuntimeException ex) {
				// one request's trouble must not stop the others' callbacks
				log.warn("Callback poll failed for request {}: {}", row.id(), ex.getClass().getSimpleName());
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
		String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
		try {
			return Base64.getDecoder().decode(encoded);
		}
		catch (IllegalArgumentException ex) {
			return secret.getBytes(StandardCharsets.UTF_8);
		}
	}

	private void deliver(StoredRequest row, Instant now) {
		String url = callbackUrl(row);
		if (url == null) {
			return;
		}
		Optional<CallbackLog.Attempt> last = this.deliveries.latest(row.id());
		if (last.isPresent() && last.get().pending()) {
			CallbackLog.Attempt retry = last.get();
			if (retry.nextAttemptAt() == null || retry.nextAttemptAt().isAfter(now)) {
				return;
			}
			Instant first = this.deliveries.firstAttempt(retry.eventId()).orElse(retry.attemptedAt());
			send(row, url, retry.eventId(), retry.status(), retry.eventJson(), retry.attempt() + 1, first, now);
			return;
		}
		String status = this.viewer.status(row);
		if (last.isPresent() && last.get().status().equals(status)) {
			return;
		}
		String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("id", eventId);
		event.put("type", TYPE);
		event.put("requestId", row.id());
		event.put("status", status);
		event.put("ticket", ticket(row));
		event.put("time", now.toString());
		send(row, url, eventId, status, this.json.writeValueAsString(event), 1, now, now);
	}

	private void send(StoredRequest row, String url, String eventId, String status, String body, int attempt,
			Instant firstAttempt, Instant now) {
		Optional<ApiClient> client = this.clients.find(row.clientId());
		if (client.isEmpty() || client.get().revoked()) {
			record(row, url, new CallbackLog.Attempt(row.id(), eventId, status, body, attempt, now, null,
					"API client revoked", null, null, true));
			return;
		}
		Integer httpStatus = null;
		String error;
		try {
			this.policy.check(url, client.get());
			Optional<String> secret = this.clients.signingSecret(row.clientId());
			if (secret.isEmpty()) {
				throw new IllegalStateException("no signing secret");
			}
			long timestamp = this.clock.instant().getEpochSecond();
			HttpRequest request = HttpRequest.newBuilder(URI.create(url))
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.header("User-Agent", "gMSA-Portal-Webhooks/1")
				.header("webhook-id", eventId)
				.header("webhook-timestamp", Long.toString(timestamp))
				.header("webhook-signature", signature(secret.get(), eventId, timestamp, body))
				.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
				.build();
			HttpResponse<Void> response = this.http.send(request, HttpResponse.BodyHandlers.discarding());
			httpStatus = response.statusCode();
			if (httpStatus >= 200 && httpStatus < 300) {
				record(row, url, new CallbackLog.Attempt(row.id(), eventId, status, body, attempt, now, httpStatus, null,
						now, null, false));
				return;
			}
			error = (httpStatus >= 300 && httpStatus < 400) ? "redirect not followed" : "HTTP " + httpStatus;
		}
		catch (ApiInputException ex) {
			error = "callback URL refused: " + ex.rule();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			error = "interrupted";
		}
		catch (IOException | RuntimeException ex) {
			// exception messages of the HTTP client name neither the secret nor the signature
			error = ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
		}
		Instant next = now.plus(backoff(attempt));
		boolean giveUp = next.isAfter(firstAttempt.plus(this.retryFor));
		record(row, url, new CallbackLog.Attempt(row.id(), eventId, status, body, attempt, now, httpStatus,
				truncate(error), null, giveUp ? null : next, giveUp));
	}

	private void record(StoredRequest row, String url, CallbackLog.Attempt attempt) {
		boolean delivered = attempt.deliveredAt() != null;
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("requestId", row.id());
		details.put("eventId", attempt.eventId());
		details.put("status", attempt.status());
		details.put("attempt", attempt.attempt());
		details.put("httpStatus", String.valueOf(attempt.httpStatus()));
		if (!delivered) {
			details.put("error", String.valueOf(attempt.error()));
			details.put("nextAttemptAt", String.valueOf(attempt.nextAttemptAt()));
			details.put("gaveUp", attempt.gaveUp());
		}
		this.transactions.executeWithoutResult(tx -> {
			this.deliveries.insert(attempt);
			this.audit.record(AuditEvent.of(delivered ? "api.callback.delivered" : "api.callback.failed", origin(url),
					delivered ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE)
				.withDetails(details)
				.withActor(Actor.system())
				.withCorrelation(row.id(), row.ticketKey()));
		});
	}

	private @Nullable String callbackUrl(StoredRequest row) {
		JsonNode url = this.json.readTree(row.requestJson()).get("callbackUrl");
		return (url != null && url.isString() && !url.asString().isBlank()) ? url.asString() : null;
	}

	private @Nullable Object ticket(StoredRequest row) {
		JsonNode ticket = this.json.readTree(row.requestJson()).get("ticket");
		return (ticket != null && ticket.isObject()) ? ticket : null;
	}

	/** Scheme and host (and port) only: the path or query of a callback URL may carry a token. */
	private static String origin(String url) {
		try {
			URI uri = URI.create(url);
			return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
		}
		catch (IllegalArgumentException ex) {
			return "(malformed callback URL)";
		}
	}

	private static String truncate(String text) {
		return (text.length() > 400) ? text.substring(0, 400) : text;
	}

}
