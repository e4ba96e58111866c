package org.gmsaportal.provisioning;

/**
 * A step could not do what the plan said; the message is the reason the admin sees, without secrets.
 */
class StepFailedException extends RuntimeException {

	StepFailedException(String message) {
		super(message);
	}

}
