package org.gmsaportal.callbacks;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import org.gmsaportal.audit.Actor;
import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.callbacks.CallbackAttemptRepository.Attempt;
import org.gmsaportal.provisioning.FiledRequest;
import org.gmsaportal.security.ApiClient;
import org.gmsaportal.security.ApiClients;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes one delivery attempt of a callback event: checks the URL again, signs, POSTs without following
 * redirects, and records the attempt in the delivery log and the audit trail in one transaction. Stateless, so
 * several pollers may share it.
 */
@Component
class CallbackSender {

	private final CallbackAttemptRepository deliveries;

	private final CallbackPolicy policy;

	private final ApiClients clients;

	private final AuditTrail audit;

	private final TransactionTemplate transactions;

	private final Duration retryFor;

	private final CallbackTransport transport;

	private final Clock clock = Clock.systemUTC();

	CallbackSender(CallbackAttemptRepository deliveries, CallbackPolicy policy, ApiClients clients, AuditTrail audit,
			TransactionTemplate transactions, CallbackTransport transport,
			CallbackSettings settings) {
		this.deliveries = deliveries;
		this.policy = policy;
		this.clients = clients;
		this.audit = audit;
		this.transactions = transactions;
		this.transport = transport;
		this.retryFor = settings.callbacks().retryFor();
	}

	/** Attempts the event once; a failure schedules the next attempt, or gives up past the retry window. */
	void send(FiledRequest row, String url, String eventId, String status, String body, int attempt,
			Instant firstAttempt, Instant now) {
		Optional<ApiClient> client = this.clients.find(row.clientId());
		if (client.isEmpty() || client.get().revoked()) {
			record(row, url, new Attempt(row.id(), eventId, status, body, attempt, now, null,
					"API client revoked", null, null, true));
			return;
		}
		Integer httpStatus = null;
		String error;
		try {
			// The one lookup of this attempt: the connection goes to exactly the addresses it checked.
			InetAddress @Nullable [] checked = this.policy.check(url, client.get());
			Optional<String> secret = this.clients.signingSecret(row.clientId());
			if (secret.isEmpty()) {
				throw new IllegalStateException("no signing secret");
			}
			long timestamp = this.clock.instant().getEpochSecond();
			httpStatus = this.transport.post(url, checked, Map.of("webhook-id", eventId, "webhook-timestamp",
					Long.toString(timestamp), "webhook-signature",
					CallbackDelivery.signature(secret.get(), eventId, timestamp, body)), body);
			if (httpStatus >= 200 && httpStatus < 300) {
				record(row, url, new Attempt(row.id(), eventId, status, body, attempt, now, httpStatus, null,
						now, null, false));
				return;
			}
			error = (httpStatus >= 300 && httpStatus < 400) ? "redirect not followed" : "HTTP " + httpStatus;
		}
		catch (CallbackUrlRefusedException ex) {
			error = "callback URL refused: " + ex.rule();
		}
		catch (TimeoutException ex) {
			error = ex.getMessage();
		}
		catch (IOException | RuntimeException ex) {
			// exception messages of the HTTP client name neither the secret nor the signature
			error = ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
		}
		Instant next = now.plus(CallbackDelivery.backoff(attempt));
		boolean giveUp = next.isAfter(firstAttempt.plus(this.retryFor));
		record(row, url, new Attempt(row.id(), eventId, status, body, attempt, now, httpStatus,
				truncate(error), null, giveUp ? null : next, giveUp));
	}

	private void record(FiledRequest row, String url, Attempt attempt) {
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
			this.audit.record(AuditEvent.of(delivered ? "api.callback.delivered" : "api.callback.failed",
					CallbackPolicy.origin(url),
					delivered ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE)
				.withDetails(details)
				.withActor(Actor.system())
				.withCorrelation(row.id(), row.ticketKey()));
		});
	}

	private static String truncate(String text) {
		return (text.length() > 400) ? text.substring(0, 400) : text;
	}

}
