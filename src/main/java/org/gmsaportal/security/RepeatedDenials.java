package org.gmsaportal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import org.gmsaportal.audit.Actor;
import org.gmsaportal.audit.ActorKind;
import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.audit.AuditUnavailableException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps an anonymous client from growing the audit trail without bound: the first denial of a kind from one
 * source (a sign-in from a locked-out address, an API call without a valid token) is recorded as it happens and
 * opens a window; the same denials from that source until the window ends are only counted; when it ends (checked
 * every 30 seconds), when the source is next let in, or when the portal stops, one summary event records how many
 * there were and between which times. The trail then grows with the windows, not with what an attacker sends.
 *
 * <p>
 * The counts live in memory: a portal that is killed (not stopped) loses the counts of its open windows, never
 * their first event.
 */
@Component
public class RepeatedDenials {

	private static final Logger logger = LoggerFactory.getLogger(RepeatedDenials.class);

	private final AuditTrail audit;

	private final Clock clock;

	private final Duration window;

	private final Map<String, Window> open = new ConcurrentHashMap<>();

	RepeatedDenials(AuditTrail audit, SecuritySettings settings) {
		this.audit = audit;
		this.clock = Clock.systemUTC();
		// as long as a lockout: a locked-out address and a tokenless client are summarised at the same pace
		this.window = settings.throttle().lockout();
	}

	/**
	 * Records a denial from a source (a client address), or counts it when one of the same kind already opened a
	 * window. A denial that cannot be recorded is refused anyway.
	 *
	 * @param kind what is denied and why, e.g. {@code api.auth.rejected no_token}: denials of one kind share a window
	 * @param source where the requests come from
	 * @param event the event to record when a window opens
	 */
	public void record(String kind, String source, AuditEvent event) {
		record(kind, source, event, null);
	}

	/** As {@link #record(String, String, AuditEvent)}, with a window that ends when a lockout does. */
	void record(String kind, String source, AuditEvent event, @Nullable Instant until) {
		Instant now = this.clock.instant();
		Instant end = (until != null) ? until : now.plus(this.window);
		// named now: the summary is written later, maybe on another thread, where "current actor" means the system
		AuditEvent opening = (event.actor() != null) ? event
				: event.withActor(new Actor("anonymous", ActorKind.PERSON, List.of(), source));
		Window[] ended = new Window[1];
		boolean[] opened = new boolean[1];
		this.open.compute(kind + " " + source, (key, existing) -> {
			if (existing != null && existing.end.isAfter(now)) {
				existing.firstRepeat = (existing.count == 0) ? now : existing.firstRepeat;
				existing.count++;
				existing.last = now;
				return existing;
			}
			ended[0] = existing;
			opened[0] = true;
			return new Window(opening, end);
		});
		if (ended[0] != null) {
			summarise(ended[0]);
		}
		if (opened[0]) {
			String repeats = "further denials of this kind from this source until " + end
					+ " are counted in one summary event";
			write(opening.withDetails(with(opening.details(), "repeats", repeats)));
		}
	}

	/** Writes the summaries of the windows a source opened: it was let in, so what it was refused comes first. */
	void closeSource(@Nullable String source) {
		if (source != null) {
			this.open.forEach((key, window) -> {
				if (key.endsWith(" " + source) && this.open.remove(key, window)) {
					summarise(window);
				}
			});
		}
	}

	/** Writes the summaries of the windows that have ended. */
	@Scheduled(fixedDelay = 30_000, initialDelay = 30_000)
	void closeEnded() {
		Instant now = this.clock.instant();
		this.open.forEach((key, window) -> {
			if (!window.end.isAfter(now) && this.open.remove(key, window)) {
				summarise(window);
			}
		});
	}

	/** At shutdown, every open window is summarised: the counts are not kept anywhere else. */
	@PreDestroy
	void closeAll() {
		this.open.forEach((key, window) -> {
			if (this.open.remove(key, window)) {
				summarise(window);
			}
		});
	}

	private void summarise(Window window) {
		if (window.count == 0) {
			return;
		}
		AuditEvent first = window.event;
		Map<String, Object> details = with(first.details(), "repeated", String.valueOf(window.count));
		details.put("firstRepeat", String.valueOf(window.firstRepeat));
		details.put("lastRepeat", String.valueOf(window.last));
		details.remove("repeats");
		write(new AuditEvent(first.action(), first.target(), AuditOutcome.DENIED, details, first.actor(), null, null));
	}

	private void write(AuditEvent event) {
		try {
			this.audit.record(event);
		}
		catch (AuditUnavailableException ex) {
			// the request is refused either way; the audit writer has logged the failure
			logger.warn("A denial of {} could not be recorded", event.action());
		}
	}

	private static Map<String, Object> with(Map<String, ?> details, String key, String value) {
		Map<String, Object> copy = new LinkedHashMap<>(details);
		copy.put(key, value);
		return copy;
	}

	/** One source's denials of one kind: the event that opened the window, and those counted since. */
	private static final class Window {

		final AuditEvent event;

		final Instant end;

		int count;

		@Nullable Instant firstRepeat;

		@Nullable Instant last;

		Window(AuditEvent event, Instant end) {
			this.event = event;
			this.end = end;
		}

	}

}
