package org.gmsaportal.credspec;

/**
 * Input to this module broke a rule; the message names the field and the rule, and never carries a secret.
 */
public class InvalidCredentialSpecInputException extends IllegalArgumentException {

	private final String field;

	private final String rule;

	public InvalidCredentialSpecInputException(String field, String rule) {
		super(field + ": " + rule);
		this.field = field;
		this.rule = rule;
	}

	/** The input field that is wrong, e.g. {@code domainSid} or {@code PluginInput}. */
	public String field() {
		return this.field;
	}

	/** The rule it broke, in words an admin can act on. */
	public String rule() {
		return this.rule;
	}

}
