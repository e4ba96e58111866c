package org.gmsaportal.security;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A registered API client as stored, without any secret.
 *
 * @param id stable identifier, used in URLs
 * @param name unique name, shown as the actor of its audit events
 * @param scopes what it may do
 * @param callbackHosts host names its callback URLs may point at
 * @param autoApprove whether its provisioning requests skip the approval step
 * @param createdAt when it was created
 * @param createdBy the ADMIN who created it
 * @param expiresAt after this instant its token is refused, if set
 * @param revokedAt when it was revoked, if it was
 * @param revokedBy who revoked it, if anyone did
 * @param lastUsedAt when its token last authenticated a request (to the minute), if ever
 */
public record ApiClient(String id, String name, Set<ApiScope> scopes, List<String> callbackHosts, boolean autoApprove,
		Instant createdAt, String createdBy, @Nullable Instant expiresAt, @Nullable Instant revokedAt,
		@Nullable String revokedBy, @Nullable Instant lastUsedAt) {

	public ApiClient {
		scopes = Set.copyOf(scopes);
		callbackHosts = List.copyOf(callbackHosts);
	}

	public boolean revoked() {
		return this.revokedAt != null;
	}

	public boolean expired(Instant now) {
		return this.expiresAt != null && !now.isBefore(this.expiresAt);
	}

	/** ACTIVE, EXPIRED or REVOKED at the given instant. */
	public String status(Instant now) {
		return revoked() ? "REVOKED" : expired(now) ? "EXPIRED" : "ACTIVE";
	}

	/** The scopes as integrators write them, sorted. */
	public List<String> scopeValues() {
		return this.scopes.stream().map(ApiScope::value).sorted().toList();
	}

}
