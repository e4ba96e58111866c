package org.gmsaportal.directory;

import org.jspecify.annotations.Nullable;

/**
 * A directory operation failed; the message says what the admin should do and never holds a secret.
 */
public class DirectoryException extends RuntimeException {

	private final @Nullable String operation;

	public DirectoryException(String message) {
		super(message);
		this.operation = null;
	}

	public DirectoryException(String message, Throwable cause) {
		super(message, cause);
		this.operation = null;
	}

	/**
	 * A failure to reach a DC, naming what the portal was doing when it gave up.
	 * @param operation e.g. opening a session (connect, TLS handshake, bind) or a request on an open session
	 */
	DirectoryException(String message, Throwable cause, String operation) {
		super(message, cause);
		this.operation = operation;
	}

	/** What the portal was doing when a DC did not answer, for the log; {@code null} for other failures. */
	public @Nullable String operation() {
		return this.operation;
	}

}
