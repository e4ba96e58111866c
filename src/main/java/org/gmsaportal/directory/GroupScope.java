package org.gmsaportal.directory;

/**
 * Scope of a security group, with the signed groupType value AD expects ([MS-ADTS] 2.2.12). A gMSA's allowed
 * principals may be a security group of any scope; the scope only matters when the portal creates the group.
 */
public enum GroupScope {

	DOMAIN_LOCAL(-2147483644, "domain-local", "DomainLocal"), GLOBAL(-2147483646, "global", "Global"),
	UNIVERSAL(-2147483640, "universal", "Universal");

	// The groupType flags: the scope bits and SECURITY_ENABLED.
	private static final int GLOBAL_FLAG = 0x2;

	private static final int DOMAIN_LOCAL_FLAG = 0x4;

	private static final int UNIVERSAL_FLAG = 0x8;

	private static final int SECURITY_ENABLED = 0x80000000;

	private final int groupType;

	private final String words;

	private final String powerShell;

	GroupScope(int groupType, String words, String powerShell) {
		this.groupType = groupType;
		this.words = words;
		this.powerShell = powerShell;
	}

	/** groupType with SECURITY_ENABLED, as a signed 32-bit integer. */
	public int groupType() {
		return this.groupType;
	}

	/** The scope in words, e.g. {@code domain-local}. */
	public String words() {
		return this.words;
	}

	/** The value of New-ADGroup's {@code -GroupScope}. */
	public String powerShell() {
		return this.powerShell;
	}

	/** Whether a group with this groupType is security-enabled (a distribution group cannot be granted anything). */
	static boolean securityEnabled(long groupType) {
		return (groupType & SECURITY_ENABLED) != 0;
	}

	/**
	 * A groupType value in words for a person, e.g. {@code global security group}; never the raw number, unless
	 * the value has no scope bit AD defines.
	 */
	public static String describe(long groupType) {
		String scope;
		if ((groupType & GLOBAL_FLAG) != 0) {
			scope = GLOBAL.words;
		}
		else if ((groupType & DOMAIN_LOCAL_FLAG) != 0) {
			scope = DOMAIN_LOCAL.words;
		}
		else if ((groupType & UNIVERSAL_FLAG) != 0) {
			scope = UNIVERSAL.words;
		}
		else {
			return "group of an unknown type (groupType " + groupType + ")";
		}
		return scope + (securityEnabled(groupType) ? " security group" : " distribution group");
	}

}
