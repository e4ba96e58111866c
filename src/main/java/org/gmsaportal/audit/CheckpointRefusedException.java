package org.gmsaportal.audit;

/**
 * No checkpoint was published; the message says why, in words an admin can act on, and holds no secret.
 */
public class CheckpointRefusedException extends RuntimeException {

	protected CheckpointRefusedException(String message) {
		super(message);
	}

	CheckpointRefusedException(String message, Throwable cause) {
		super(message, cause);
	}

}
