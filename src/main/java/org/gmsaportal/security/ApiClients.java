package org.gmsaportal.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, lists, authenticates and revokes API clients, and marks them auto-approve; every change is audited
 * in the same transaction.
 */
@Service
public class ApiClients {

	// Last use is shown to the minute: writing it on every request would turn each read into a write.
	private static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);

	private static final String COLUMNS = "id, name, token_hash, scopes, callback_hosts, auto_approve, created_at, "
			+ "created_by, expires_at, revoked_at, revoked_by, last_used_at";

	private final JdbcClient jdbc;

	private final SecretCipher cipher;

	private final AuditTrail audit;

	private final ApiSettings settings;

	private final Clock clock = Clock.systemUTC();

	ApiClients(JdbcClient jdbc, SecretCipher cipher, AuditTrail audit, ApiSettings settings) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.audit = audit;
		this.settings = settings;
	}

	/** Registers a client that is not auto-approved; see {@link #create(String, Set, Instant, List, boolean)}. */
	@Transactional
	public NewApiClient create(String name, Set<ApiScope> scopes, @Nullable Instant expiresAt,
			List<String> callbackHosts) {
		return create(name, scopes, expiresAt, callbackHosts, false);
	}

	/**
	 * Registers a client and returns its token and signing secret, which exist in clear only in the result.
	 * @throws DuplicateNameException if a client (even a revoked one) already has this name
	 */
	@Transactional
	public NewApiClient create(String name, Set<ApiScope> scopes, @Nullable Instant expiresAt,
			List<String> callbackHosts, boolean autoApprove) {
		if (this.jdbc.sql("SELECT COUNT(*) FROM api_client WHERE name = ?").param(name).query(Long.class).single() > 0) {
			throw new DuplicateNameException(name);
		}
		String id = UUID.randomUUID().toString();
		String token = ApiTokens.newToken();
		String secret = ApiTokens.newSigningSecret();
		Instant now = this.clock.instant();
		String creator = currentUser();
		this.jdbc.sql("INSERT INTO api_client (id, name, token_hash, scopes, callback_hosts, signing_secret_enc, "
				+ "auto_approve, created_at, created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(id, name, ApiTokens.hash(token), join(scopes.stream().map(ApiScope::value).toList()),
					String.join(",", callbackHosts), this.cipher.encrypt(secret, id), autoApprove, utc(now), creator,
					utc(expiresAt))
			.update();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("clientId", id);
		details.put("scopes", join(scopes.stream().map(ApiScope::value).toList()));
		details.put("expiresAt", String.valueOf(expiresAt));
		details.put("callbackHosts", String.join(",", callbackHosts));
		details.put("autoApprove", autoApprove);
		this.audit.record(AuditEvent.of("api.client.create", name, AuditOutcome.SUCCESS).withDetails(details));
		ApiClient client = new ApiClient(id, name, scopes, callbackHosts, autoApprove, now, creator, expiresAt, null,
				null, null);
		return new NewApiClient(client, token, secret);
	}

	/** Every client, newest first. */
	public List<ApiClient> list() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM api_client ORDER BY created_at DESC, name")
			.query(ApiClients::map)
			.list();
	}

	public Optional<ApiClient> find(String id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM api_client WHERE id = ?").param(id).query(ApiClients::map)
			.optional();
	}

	/** Revokes the client; returns false if it does not exist or was already revoked. */
	@Transactional
	public boolean revoke(String id) {
		Optional<ApiClient> client = find(id);
		if (client.isEmpty() || client.get().revoked()) {
			return false;
		}
		this.jdbc.sql("UPDATE api_client SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL")
			.params(utc(this.clock.instant()), currentUser(), id)
			.update();
		this.audit.record(AuditEvent.of("api.client.revoke", client.get().name(), AuditOutcome.SUCCESS)
			.withDetails(Map.of("clientId", id)));
		return true;
	}

	/** What {@link #setAutoApprove} did. */
	public enum AutoApproveChange {

		/** The mark changed, and that is audited. */
		CHANGED,

		/** The client already was so: nothing changed. */
		ALREADY_SO,

		/** The client does not exist or is revoked (perhaps meanwhile): nothing changed. */
		NOT_ACTIVE

	}

	/**
	 * Marks the client auto-approve or not. Audited only when the row changed: a revocation that commits between
	 * the read and the update leaves it unchanged, and the audit trail must not claim otherwise.
	 */
	@Transactional
	public AutoApproveChange setAutoApprove(String id, boolean autoApprove) {
		Optional<ApiClient> client = find(id);
		if (client.isEmpty() || client.get().revoked()) {
			return AutoApproveChange.NOT_ACTIVE;
		}
		if (client.get().autoApprove() == autoApprove) {
			return AutoApproveChange.ALREADY_SO;
		}
		int changed = this.jdbc.sql("UPDATE api_client SET auto_approve = ? WHERE id = ? AND revoked_at IS NULL")
			.params(autoApprove, id)
			.update();
		if (changed != 1) {
			return AutoApproveChange.NOT_ACTIVE;
		}
		this.audit.record(AuditEvent.of("api.client.auto-approve", client.get().name(), AuditOutcome.SUCCESS)
			.withDetails(Map.of("clientId", id, "autoApprove", autoApprove, "policy", approvalPolicy())));
		return AutoApproveChange.CHANGED;
	}

	/** Whether the client's requests are approved at filing: marked so, and the policy is per-client. */
	public boolean autoApproves(ApiClient client) {
		return client.autoApprove() && this.settings.approval() == ApiSettings.Approval.PER_CLIENT;
	}

	/** The approval policy as configured: {@code required} or {@code per-client}. */
	public String approvalPolicy() {
		return (this.settings.approval() == ApiSettings.Approval.PER_CLIENT) ? "per-client" : "required";
	}

	/** The client's webhook signing secret, decrypted, for signing its callbacks. */
	public Optional<String> signingSecret(String id) {
		return this.jdbc.sql("SELECT signing_secret_enc FROM api_client WHERE id = ?")
			.param(id)
			.query(String.class)
			.optional()
			.map(sealed -> this.cipher.decrypt(sealed, id));
	}

	/**
	 * The client a well-formed token belongs to, whatever its state (the caller refuses expired and
	 * revoked ones), and notes its use.
	 */
	Optional<ApiClient> findByToken(String token) {
		String hash = ApiTokens.hash(token);
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM api_client WHERE token_hash = ?")
			.param(hash)
			.query((rs, n) -> ApiTokens.sameHash(rs.getString("token_hash"), hash) ? map(rs, n) : null)
			.optional();
	}

	/** Notes that the client authenticated a request now, at most once per minute. */
	void touch(ApiClient client) {
		Instant now = this.clock.instant();
		if (client.lastUsedAt() == null || client.lastUsedAt().plus(LAST_USE_RESOLUTION).isBefore(now)) {
			this.jdbc.sql("UPDATE api_client SET last_used_at = ? WHERE id = ?").params(utc(now), client.id()).update();
		}
	}

	Instant now() {
		return this.clock.instant();
	}

	private static ApiClient map(ResultSet rs, int row) throws SQLException {
		Set<ApiScope> scopes = new TreeSet<>();
		split(rs.getString("scopes")).forEach(value -> ApiScope.of(value).ifPresent(scopes::add));
		return new ApiClient(rs.getString("id"), rs.getString("name"), scopes, split(rs.getString("callback_hosts")),
				rs.getBoolean("auto_approve"), Objects.requireNonNull(instant(rs, "created_at")), rs.getString("created_by"),
				instant(rs, "expires_at"), instant(rs, "revoked_at"), rs.getString("revoked_by"),
				instant(rs, "last_used_at"));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static List<String> split(@Nullable String joined) {
		return (joined == null || joined.isBlank()) ? List.of() : Arrays.stream(joined.split(",")).toList();
	}

	private static String join(List<String> values) {
		return String.join(",", values.stream().sorted().toList());
	}

	private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

	private static String currentUser() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null) ? authentication.getName() : "system";
	}

	/** Thrown when a client name is already taken. */
	public static class DuplicateNameException extends RuntimeException {

		DuplicateNameException(String name) {
			super("An API client named '" + name + "' already exists");
		}

	}

}
