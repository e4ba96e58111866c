package org.gmsaportal.provisioning;

/**
 * A provisioning request broke a rule; the message names the field and the rule and never holds a secret.
 */
public class InvalidRequestException extends IllegalArgumentException {

	private final String field;

	private final String rule;

	public InvalidRequestException(String field, String rule) {
		super(field + ": " + rule);
		this.field = field;
		this.rule = rule;
	}

	/** The request field that is wrong, e.g. {@code gmsaName} or {@code spns[1]}. */
	public String field() {
		return this.field;
	}

	/** The rule it broke, in words an admin can act on. */
	public String rule() {
		return this.rule;
	}

}
