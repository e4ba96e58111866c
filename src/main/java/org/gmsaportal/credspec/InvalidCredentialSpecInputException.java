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

	/**
	 * For input that is not secret: the message repeats the offending value so the admin sees what was wrong,
	 * while {@link #rule()} stays free of it for places that must not echo input.
	 */
	public InvalidCredentialSpecInputException(String field, String rule, String value) {
		super(field + ": " + rule + " (was \"" + value + "\")");
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
