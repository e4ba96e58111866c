package org.gmsaportal.security;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Counts sign-in failures per user name and per client address and locks either for a while once it
 * fails too often within the window. A locked sign-in is refused before the password is checked.
 *
 * <p>
 * State is kept in memory: it protects one portal instance and is reset by a restart.
 */
class LoginThrottle {

	private static final int PRUNE_ABOVE = 10_000;

	private final SecuritySettings.Throttle settings;

	private final Clock clock;

	private final Map<String, Failures> failures = new ConcurrentHashMap<>();

	LoginThrottle(SecuritySettings.Throttle settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	/** Until when the user name or the address is locked, if either is. */
	Optional<Instant> lockedUntil(String username, @Nullable String address) {
		Instant now = this.clock.instant();
		Instant until = null;
		for (String key : keys(username, address)) {
			Failures entry = this.failures.get(key);
			if (entry != null && entry.lockedUntil != null && entry.lockedUntil.isAfter(now)) {
				until = (until == null || entry.lockedUntil.isAfter(until)) ? entry.lockedUntil : until;
			}
		}
		return Optional.ofNullable(until);
	}

	/** Counts a failure; returns the lock's end if this failure started a lockout. */
	Optional<Instant> recordFailure(String username, @Nullable String address) {
		prune();
		Instant now = this.clock.instant();
		Instant locked = null;
		for (String key : keys(username, address)) {
			int max = key.startsWith("user:") ? this.settings.maxFailuresPerUser()
					: this.settings.maxFailuresPerAddress();
			Failures entry = this.failures.computeIfAbsent(key, k -> new Failures());
			synchronized (entry) {
				entry.times.addLast(now);
				while (!entry.times.isEmpty() && entry.times.peekFirst().isBefore(now.minus(this.settings.window()))) {
					entry.times.removeFirst();
				}
				boolean alreadyLocked = entry.lockedUntil != null && entry.lockedUntil.isAfter(now);
				if (!alreadyLocked && entry.times.size() >= max) {
					entry.lockedUntil = now.plus(this.settings.lockout());
					entry.times.clear();
					locked = entry.lockedUntil;
				}
			}
		}
		return Optional.ofNullable(locked);
	}

	/** A successful sign-in clears the user name's failures (not the address's: others may share it). */
	void recordSuccess(String username) {
		this.failures.remove(userKey(username));
	}

	private void prune() {
		if (this.failures.size() > PRUNE_ABOVE) {
			Instant horizon = this.clock.instant().minus(this.settings.window());
			this.failures.values().removeIf(f -> (f.lockedUntil == null || f.lockedUntil.isBefore(horizon))
					&& (f.times.isEmpty() || f.times.peekLast().isBefore(horizon)));
		}
	}

	private static String[] keys(String username, @Nullable String address) {
		return (address == null) ? new String[] { userKey(username) }
				: new String[] { userKey(username), "address:" + address };
	}

	/**
	 * {@code alice}, {@code ALICE}, {@code alice@lab.test} and {@code LAB\alice} are one account to the
	 * directory, so they share one counter.
	 */
	static String userKey(String username) {
		String name = username.strip().toLowerCase(Locale.ROOT);
		int at = name.lastIndexOf('@');
		if (at > 0) {
			name = name.substring(0, at);
		}
		name = name.substring(name.lastIndexOf('\\') + 1);
		return "user:" + name;
	}

	/** Recent failures of one key, and its lock. */
	private static final class Failures {

		final Deque<Instant> times = new ArrayDeque<>();

		@Nullable Instant lockedUntil;

	}

}
