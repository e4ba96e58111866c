package org.gmsaportal.security;

/**
 * A client just created, with the two secrets that are shown once and never again.
 *
 * @param client the stored client
 * @param token the bearer token (only its hash is stored)
 * @param signingSecret the webhook signing secret (stored encrypted)
 */
public record NewApiClient(ApiClient client, String token, String signingSecret) {

	@Override
	public String toString() {
		return "NewApiClient[client=" + this.client + ", token=<redacted>, signingSecret=<redacted>]";
	}

}
