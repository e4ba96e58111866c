package org.gmsaportal.provisioning;

/**
 * A step did not do its job because something outside the portal blocks it (the directory refused a removal):
 * the step and the run end {@link StepState#NEEDS_ATTENTION}, never SUCCEEDED. The message names the object, the
 * blocker and what to do, without secrets.
 */
class StepBlockedException extends RuntimeException {

	StepBlockedException(String message) {
		super(message);
	}

}
