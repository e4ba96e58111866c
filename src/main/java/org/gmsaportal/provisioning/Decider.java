package org.gmsaportal.provisioning;

import org.jspecify.annotations.Nullable;

/**
 * Who approves or rejects a filed request: an API client with {@code requests:approve}, an ADMIN in the browser,
 * or the auto-approve policy on behalf of the filing client.
 *
 * @param name shown as the approver of the run and in the request's decision
 * @param clientId the API client's id; null for a person, who is never the client that filed the request
 */
public record Decider(String name, @Nullable String clientId) {

	/** An API client deciding with its own token. */
	public static Decider client(String clientId, String clientName) {
		return new Decider(clientName, clientId);
	}

	/** A signed-in person. */
	public static Decider person(String userName) {
		return new Decider(userName, null);
	}

	/** The auto-approve policy, applied to the request of the named client (not that client deciding). */
	public static Decider policy(String clientName) {
		return new Decider(clientName + " (auto-approve policy)", null);
	}

	/**
	 * Separation of duties: a client may not decide on a request it filed.
	 * @throws SeparationOfDutiesException if this decider filed the request
	 */
	void refuseIfFiled(FiledRequest row, String verb) {
		if (row.clientId().equals(this.clientId)) {
			throw new SeparationOfDutiesException("Separation of duties: a client may not " + verb
					+ " a request it filed itself; another client with requests:approve, or an ADMIN, must do it.");
		}
	}

}
