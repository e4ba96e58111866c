package org.gmsaportal.directory;

/**
 * A directory operation failed; the message says what the admin should do and never holds a secret.
 */
public class DirectoryException extends RuntimeException {

	public DirectoryException(String message) {
		super(message);
	}

	public DirectoryException(String message, Throwable cause) {
		super(message, cause);
	}

}
