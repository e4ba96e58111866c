package org.gmsaportal.api.v1;

/**
 * A request to the API broke a rule; answered as a 400 problem naming the field and the rule.
 */
class ApiInputException extends RuntimeException {

	private final String field;

	private final String rule;

	ApiInputException(String field, String rule) {
		super(field + ": " + rule);
		this.field = field;
		this.rule = rule;
	}

	String field() {
		return this.field;
	}

	String rule() {
		return this.rule;
	}

}
