package org.gmsaportal.web.wizard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The connections page's live status (is the directory reachable, does the cluster answer), kept with the time it
 * was read.
 *
 * <p>
 * Issue 18: every view of {@code /wizard} read the directory and the cluster, so 50 admins on the page meant 50
 * LDAP sessions and API calls per round of views (p95 4.1 s). Now only the first view of a connection reads it on
 * the request; a view of an answer older than {@link #FRESH} starts one read in the background and shows the
 * answer it has, with its age, and the page's Check status button reads again on the request.
 */
@Component
class StatusCache {

	static final Duration FRESH = Duration.ofSeconds(30);

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final TaskExecutor executor;

	private final Clock clock = Clock.systemUTC();

	StatusCache(@Qualifier("applicationTaskExecutor") TaskExecutor executor) {
		this.executor = executor;
	}

	/** The answer kept under {@code key}: read now if there is none, refreshed in the background if stale. */
	@SuppressWarnings("unchecked")
	<T> Timed<T> get(String key, Supplier<T> reader) {
		Entry entry = this.entries.get(key);
		if (entry == null) {
			return read(key, reader);
		}
		if (entry.timed().readAt().plus(FRESH).isBefore(this.clock.instant())
				&& entry.refreshing().compareAndSet(false, true)) {
			try {
				this.executor.execute(() -> read(key, reader));
			}
			catch (RuntimeException ex) {
				entry.refreshing().set(false);
			}
		}
		return (Timed<T>) entry.timed();
	}

	/**
	 * The answer kept under {@code key}, if there is one, however old: nothing is read, in the background either.
	 * The overview shows each connection's health this way, so that a view of the landing page costs no remote work.
	 */
	@SuppressWarnings("unchecked")
	<T> Optional<Timed<T>> peek(String key) {
		Entry entry = this.entries.get(key);
		return (entry != null) ? Optional.of((Timed<T>) entry.timed()) : Optional.empty();
	}

	/** Forgets the answer under {@code key}, so that the next view reads it again on its request. */
	void forget(String key) {
		this.entries.remove(key);
	}

	/** Forgets every answer (a test that switches a stand-in directory between outage and answer uses it). */
	void forgetAll() {
		this.entries.clear();
	}

	private <T> Timed<T> read(String key, Supplier<T> reader) {
		Timed<T> timed = new Timed<>(reader.get(), this.clock.instant());
		this.entries.put(key, new Entry(timed, new AtomicBoolean()));
		return timed;
	}

	/**
	 * An answer and when it was read.
	 * @param value the answer
	 * @param readAt when it was read
	 */
	record Timed<T>(T value, Instant readAt) {
	}

	private record Entry(Timed<?> timed, AtomicBoolean refreshing) {
	}

}
