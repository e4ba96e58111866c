package org.gmsaportal.api.v1;

import org.gmsaportal.security.ApiClient;
import org.jspecify.annotations.Nullable;

/**
 * Who approves or rejects a request: an API client with {@code requests:approve}, or an ADMIN in the browser.
 *
 * @param name shown as the approver of the run and in the request's decision
 * @param clientId the API client's id; null for a person, who is never the client that filed the request
 */
record Decider(String name, @Nullable String clientId) {

	static Decider client(ApiClient client) {
		return new Decider(client.name(), client.id());
	}

	static Decider person(String userName) {
		return new Decider(userName, null);
	}

	/** Separation of duties: a client may not decide on a request it filed. */
	boolean filed(StoredRequest row) {
		return row.clientId().equals(this.clientId);
	}

}
