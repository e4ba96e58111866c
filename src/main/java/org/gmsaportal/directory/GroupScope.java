package org.gmsaportal.directory;

/**
 * Scope of a security group, with the signed groupType value AD expects.
 */
enum GroupScope {

	DOMAIN_LOCAL(-2147483644), GLOBAL(-2147483646), UNIVERSAL(-2147483640);

	private final int groupType;

	GroupScope(int groupType) {
		this.groupType = groupType;
	}

	/** groupType with SECURITY_ENABLED, as a signed 32-bit integer. */
	public int groupType() {
		return this.groupType;
	}

}
