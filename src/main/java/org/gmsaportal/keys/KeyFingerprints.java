package org.gmsaportal.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SHA-256 fingerprint of each shared key, in table {@code key_fingerprint}: the first instance records it, every
 * later one compares. A fingerprint does not reveal a key of 32 random characters; it only tells that two instances
 * were given different ones, which would otherwise show up later as chain heads that do not verify or webhook
 * secrets that do not decrypt, depending on which replica served the request.
 */
final class KeyFingerprints {

	private static final String LABEL = "gmsa-portal key fingerprint v1\n";

	private final JdbcClient jdbc;

	KeyFingerprints(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void check(String setting, byte[] key) {
		String fingerprint = fingerprint(setting, key);
		Optional<String> stored = stored(setting);
		if (stored.isEmpty()) {
			try {
				this.jdbc.sql("INSERT INTO key_fingerprint (setting, fingerprint, recorded_at) VALUES (?, ?, ?)")
					.params(setting, fingerprint, OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC))
					.update();
				return;
			}
			catch (DuplicateKeyException ex) {
				// another instance recorded its key at the same moment: compare with that one
				stored = stored(setting);
			}
		}
		if (!stored.orElseThrow().equals(fingerprint)) {
			throw new IllegalStateException(setting + ": this instance's key does not match the key the database "
					+ "was first used with (its SHA-256 fingerprint differs). Every instance on one database must be "
					+ "given the same " + setting + " (or " + setting + "-file); to replace the key, follow the "
					+ "README's key rotation runbook.");
		}
	}

	private Optional<String> stored(String setting) {
		return this.jdbc.sql("SELECT fingerprint FROM key_fingerprint WHERE setting = ?")
			.param(setting)
			.query(String.class)
			.optional();
	}

	/** SHA-256 over a label, the setting and the key, so the fingerprint equals no other digest of the key. */
	static String fingerprint(String setting, byte[] key) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update((LABEL + setting + "\n").getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(sha.digest(key));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

}
