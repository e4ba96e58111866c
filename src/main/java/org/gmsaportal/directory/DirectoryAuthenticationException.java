package org.gmsaportal.directory;

/**
 * The directory refused a user's credentials; {@link #reason()} says why (for the audit trail, not for
 * the sign-in page, which must not tell an attacker which part was wrong).
 */
public class DirectoryAuthenticationException extends DirectoryException {

	private final String reason;

	public DirectoryAuthenticationException(String reason) {
		super("Sign-in refused by the directory: " + reason);
		this.reason = reason;
	}

	/** Why the directory refused, e.g. "invalid credentials" or "account disabled". */
	public String reason() {
		return this.reason;
	}

}
