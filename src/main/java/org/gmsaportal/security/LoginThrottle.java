package org.gmsaportal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Counts sign-in failures per user name and per client address and locks either for a while once it
 * fails too often within the window. A locked sign-in is refused before the password is checked.
 *
 * <p>
 * State is kept in the database (tables {@code login_failure} and {@code login_lock}), so a user locked out on one
 * portal instance is locked out on every instance, and a restart does not lift a lock. Instances failing the same
 * user at the same moment may each count the other's failure late; the lock then starts one failure later.
 */
class LoginThrottle {

	private static final int MAX_KEY_LENGTH = 300;

	private final SecuritySettings.Throttle settings;

	private final Clock clock;

	private final JdbcClient jdbc;

	private final TransactionOperations transactions;

	LoginThrottle(SecuritySettings.Throttle settings, Clock clock, JdbcClient jdbc, TransactionOperations transactions) {
		this.settings = settings;
		this.clock = clock;
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/** Until when the user name or the address is locked, if either is. */
	Optional<Instant> lockedUntil(String username, @Nullable String address) {
		Instant now = this.clock.instant();
		Instant until = null;
		for (String key : keys(username, address)) {
			Instant entry = lock(key).orElse(null);
			if (entry != null && entry.isAfter(now) && (until == null || entry.isAfter(until))) {
				until = entry;
			}
		}
		return Optional.ofNullable(until);
	}

	/** Counts a failure; returns the lock's end if this failure started a lockout. */
	Optional<Instant> recordFailure(String username, @Nullable String address) {
		Instant now = this.clock.instant();
		return Optional.ofNullable(this.transactions.execute((tx) -> {
			Instant locked = null;
			prune(now);
			for (String key : keys(username, address)) {
				Instant until = countFailure(key, now);
				locked = (until != null) ? until : locked;
			}
			return locked;
		}));
	}

	/** A successful sign-in clears the user name's failures (not the address's: others may share it). */
	void recordSuccess(String username) {
		this.jdbc.sql("DELETE FROM login_failure WHERE throttle_key = ?").param(bounded(userKey(username))).update();
	}

	private @Nullable Instant countFailure(String key, Instant now) {
		int max = key.startsWith("user:") ? this.settings.maxFailuresPerUser() : this.settings.maxFailuresPerAddress();
		this.jdbc.sql("INSERT INTO login_failure (throttle_key, failed_at) VALUES (?, ?)").params(key, utc(now)).update();
		this.jdbc.sql("DELETE FROM login_failure WHERE throttle_key = ? AND failed_at < ?")
			.params(key, utc(now.minus(this.settings.window())))
			.update();
		boolean alreadyLocked = lock(key).filter((until) -> until.isAfter(now)).isPresent();
		long failures = this.jdbc.sql("SELECT COUNT(*) FROM login_failure WHERE throttle_key = ?")
			.param(key)
			.query(Long.class)
			.single();
		if (alreadyLocked || failures < max) {
			return null;
		}
		Instant until = now.plus(this.settings.lockout());
		if (this.jdbc.sql("UPDATE login_lock SET locked_until = ? WHERE throttle_key = ?")
			.params(utc(until), key)
			.update() == 0) {
			this.jdbc.sql("INSERT INTO login_lock (throttle_key, locked_until) VALUES (?, ?)")
				.params(key, utc(until))
				.update();
		}
		this.jdbc.sql("DELETE FROM login_failure WHERE throttle_key = ?").param(key).update();
		return until;
	}

	private Optional<Instant> lock(String key) {
		return this.jdbc.sql("SELECT locked_until FROM login_lock WHERE throttle_key = ?")
			.param(key)
			.query(OffsetDateTime.class)
			.optional()
			.map(OffsetDateTime::toInstant);
	}

	/** Failures that no longer count and locks that have ended go, so the tables stay small under an attack. */
	private void prune(Instant now) {
		this.jdbc.sql("DELETE FROM login_failure WHERE failed_at < ?")
			.param(utc(now.minus(this.settings.window())))
			.update();
		this.jdbc.sql("DELETE FROM login_lock WHERE locked_until < ?").param(utc(now)).update();
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private static String[] keys(String username, @Nullable String address) {
		return (address == null) ? new String[] { bounded(userKey(username)) }
				: new String[] { bounded(userKey(username)), bounded("address:" + address) };
	}

	/** A key longer than its column is kept as its digest: an endless user name still gets one counter. */
	private static String bounded(String key) {
		if (key.length() <= MAX_KEY_LENGTH) {
			return key;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return key.substring(0, key.indexOf(':') + 1) + "sha256:" + HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
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

}
