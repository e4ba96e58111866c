package org.gmsaportal.security;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.AuthenticationException;

/**
 * A bearer token that was presented and refused; carries the reason and, when the token was known, the
 * client, never the token itself.
 */
public final class ApiTokenException extends AuthenticationException {

	private final String reason;

	private final transient @Nullable ApiClient client;

	ApiTokenException(String reason, String message, @Nullable ApiClient client) {
		super(message);
		this.reason = reason;
		this.client = client;
	}

	/** malformed, unknown, expired or revoked. */
	public String reason() {
		return this.reason;
	}

	public @Nullable ApiClient client() {
		return this.client;
	}

}
