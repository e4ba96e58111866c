package org.gmsaportal.secretstores;

/**
 * A store refused or could not be reached. The message names the store, the secret and what to do, and never
 * holds a secret value or a token.
 */
public class SecretStoreException extends RuntimeException {

	/** Why, so that callers can tell a retry from a fix. */
	public enum Reason {

		/** The vault, region or namespace does not exist. */
		STORE_NOT_FOUND,
		/** The portal's identity may not do this. */
		FORBIDDEN,
		/** The store asked to slow down. */
		THROTTLED,
		/** The store refuses the secret's name. */
		INVALID_NAME,
		/** The store did not answer. */
		UNREACHABLE,
		/** Anything else the store answered. */
		REFUSED

	}

	private final String store;

	private final Reason reason;

	public SecretStoreException(String store, Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.store = store;
		this.reason = reason;
	}

	public SecretStoreException(String store, Reason reason, String message) {
		super(message);
		this.store = store;
		this.reason = reason;
	}

	public String store() {
		return this.store;
	}

	public Reason reason() {
		return this.reason;
	}

}
