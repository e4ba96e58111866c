package org.gmsaportal.provisioning;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.gmsaportal.credspec.SecretValue;
import org.gmsaportal.keys.DataCipher;
import org.gmsaportal.keys.SharedKeys;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * A generated password waiting for its one showing, in table {@code portable_password}, so that whichever instance
 * serves the admin's next page can show it, and only one can. The password is AES-GCM encrypted under the data key
 * ({@code gmsa.keys.data-key}, never in the database) with the run id bound in, and expires after a short time
 * ({@code gmsa.provisioning.password-showing-ttl}, one hour by default). Taking it deletes the row in the same
 * transaction that reads it, under a row lock: of two instances asked at once, only the one whose delete removed
 * the row shows it.
 */
@Component
class PasswordShowings {

	private static final String PURPOSE = "portable password";

	private final JdbcClient jdbc;

	private final DataCipher cipher;

	private final TransactionOperations transactions;

	private final Duration ttl;

	private final Clock clock;

	@Autowired
	PasswordShowings(JdbcClient jdbc, TransactionOperations transactions,
			@Value("${gmsa.provisioning.password-showing-ttl:PT1H}") Duration ttl,
			@Value("${spring.datasource.url:}") String url, @Value("${gmsa.keys.data-key:}") String key,
			@Value("${gmsa.keys.data-key-file:" + DataCipher.DEFAULT_FILE + "}") Path file) {
		this(jdbc, DataCipher.load(new SharedKeys(jdbc, url), key, file), transactions, ttl, Clock.systemUTC());
	}

	PasswordShowings(JdbcClient jdbc, DataCipher cipher, TransactionOperations transactions, Duration ttl,
			Clock clock) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.transactions = transactions;
		this.ttl = ttl;
		this.clock = clock;
	}

	/** Keeps the password for its one showing, replacing one the run offered before (that one no longer works). */
	void offer(String runId, SecretValue password) {
		Instant now = this.clock.instant();
		byte[] sealed = this.cipher.seal(password.reveal().getBytes(StandardCharsets.UTF_8), PURPOSE, runId);
		this.transactions.executeWithoutResult((tx) -> {
			purgeExpired(now);
			this.jdbc.sql("DELETE FROM portable_password WHERE run_id = ?").param(runId).update();
			this.jdbc.sql("INSERT INTO portable_password (run_id, sealed, expires_at) VALUES (?, ?, ?)")
				.params(runId, sealed, utc(now.plus(this.ttl)))
				.update();
		});
	}

	/** Whether a password waits for its showing (nothing is taken). */
	boolean waiting(String runId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM portable_password WHERE run_id = ? AND expires_at > ?")
			.params(runId, utc(this.clock.instant()))
			.query(Long.class)
			.single() > 0;
	}

	/** The password for its one showing, gone from the database once this returns; empty if none or expired. */
	Optional<SecretValue> take(String runId) {
		Instant now = this.clock.instant();
		return Optional.ofNullable(this.transactions.execute((tx) -> {
			Optional<Sealed> row = this.jdbc
				.sql("SELECT sealed, expires_at FROM portable_password WHERE run_id = ? FOR UPDATE")
				.param(runId)
				.query((rs, n) -> new Sealed(rs.getBytes(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
				.optional();
			int deleted = this.jdbc.sql("DELETE FROM portable_password WHERE run_id = ?").param(runId).update();
			if (row.isEmpty() || deleted != 1 || !row.get().expiresAt().isAfter(now)) {
				return null;
			}
			byte[] plain = this.cipher.open(row.get().bytes(), PURPOSE, runId);
			return SecretValue.of(new String(plain, StandardCharsets.UTF_8));
		}));
	}

	/** Forgets the run's password, shown or not (the run was abandoned, or its user removed). */
	void discard(String runId) {
		this.jdbc.sql("DELETE FROM portable_password WHERE run_id = ?").param(runId).update();
	}

	private void purgeExpired(Instant now) {
		this.jdbc.sql("DELETE FROM portable_password WHERE expires_at <= ?").param(utc(now)).update();
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private record Sealed(byte[] bytes, Instant expiresAt) {
	}

}
