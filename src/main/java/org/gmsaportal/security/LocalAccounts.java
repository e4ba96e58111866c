package org.gmsaportal.security;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gmsaportal.audit.Actor;
import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The local accounts table: today only the bootstrap admin, whose password hash alone is stored.
 */
@Component
class LocalAccounts {

	static final String ADMIN = "admin";

	private static final int MIN_PASSWORD_LENGTH = 12;

	// No look-alike characters: the generated password is read off a console and typed once.
	private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789-_".toCharArray();

	private final JdbcClient jdbc;

	private final PasswordEncoder encoder;

	private final AuditTrail audit;

	// Made at the first sign-in, not at start: a hash of a cold JVM is a noticeable part of the start's CPU.
	private volatile @Nullable String unknownUserHash;

	LocalAccounts(JdbcClient jdbc, PasswordEncoder encoder, AuditTrail audit) {
		this.jdbc = jdbc;
		this.encoder = encoder;
		this.audit = audit;
	}

	/**
	 * Makes sure the bootstrap admin exists with the configured password, or creates it with a generated
	 * one, which is returned so the caller can show it once. Audited in the same transaction.
	 */
	@Transactional
	Optional<String> ensureBootstrapAdmin(String configuredPassword) {
		Optional<String> stored = passwordHash(ADMIN);
		boolean configured = configuredPassword != null && !configuredPassword.isBlank();
		if (configured && configuredPassword.length() < MIN_PASSWORD_LENGTH) {
			throw new IllegalStateException(
					"PORTAL_ADMIN_PASSWORD: must be at least " + MIN_PASSWORD_LENGTH + " characters");
		}
		if (stored.isEmpty()) {
			String password = configured ? configuredPassword : generatePassword();
			this.jdbc.sql("INSERT INTO local_user (username, password_hash, role, created_at, updated_at) "
					+ "VALUES (?, ?, ?, ?, ?)")
				.params(ADMIN, this.encoder.encode(password), Role.ADMIN.name(), now(), now())
				.update();
			record("security.local_admin.create", configured ? "PORTAL_ADMIN_PASSWORD" : "generated");
			return configured ? Optional.empty() : Optional.of(password);
		}
		if (configured && !this.encoder.matches(configuredPassword, stored.get())) {
			this.jdbc.sql("UPDATE local_user SET password_hash = ?, updated_at = ? WHERE username = ?")
				.params(this.encoder.encode(configuredPassword), now(), ADMIN)
				.update();
			record("security.local_admin.password_change", "PORTAL_ADMIN_PASSWORD");
		}
		return Optional.empty();
	}

	/**
	 * Checks a local sign-in. An unknown user costs the same hash comparison as a known one, so response
	 * times do not reveal which local accounts exist.
	 */
	Optional<UsernamePasswordAuthenticationToken> authenticate(String username, String password) {
		// Before the look-up, whoever signs in: the first sign-in pays for it whether the account exists or not.
		String unknownUserHash = unknownUserHash();
		Optional<Map.Entry<String, String>> account = this.jdbc
			.sql("SELECT password_hash, role FROM local_user WHERE username = ?")
			.param(username)
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
			.optional();
		boolean matches = this.encoder.matches(password, account.map(Map.Entry::getKey).orElse(unknownUserHash));
		return account.filter(row -> matches)
			.map(row -> UsernamePasswordAuthenticationToken.authenticated(
					new PortalPrincipal(username, "local", ""), null,
					List.of(new SimpleGrantedAuthority(Role.valueOf(row.getValue()).authority()))));
	}

	private String unknownUserHash() {
		String hash = this.unknownUserHash;
		if (hash == null) {
			synchronized (this) {
				hash = this.unknownUserHash;
				if (hash == null) {
					hash = this.encoder.encode(generatePassword());
					this.unknownUserHash = hash;
				}
			}
		}
		return hash;
	}

	private Optional<String> passwordHash(String username) {
		return this.jdbc.sql("SELECT password_hash FROM local_user WHERE username = ?")
			.param(username)
			.query(String.class)
			.optional();
	}

	private void record(String action, String passwordSource) {
		this.audit.record(AuditEvent.of(action, ADMIN, AuditOutcome.SUCCESS)
			.withDetails(Map.of("source", passwordSource))
			.withActor(Actor.system()));
	}

	static String generatePassword() {
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder(24);
		for (int i = 0; i < 24; i++) {
			password.append(ALPHABET[random.nextInt(ALPHABET.length)]);
		}
		return password.toString();
	}

	private static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}

}
