package org.gmsaportal.callbacks;

/**
 * A callback URL that may not be stored or called: the rule it breaks, for the filing's {@code callbackUrl} field.
 */
public class CallbackUrlRefusedException extends RuntimeException {

	private final String rule;

	CallbackUrlRefusedException(String rule) {
		super("callbackUrl: " + rule);
		this.rule = rule;
	}

	/** The rule the URL breaks. */
	public String rule() {
		return this.rule;
	}

}
