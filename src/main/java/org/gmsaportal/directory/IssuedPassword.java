package org.gmsaportal.directory;

import java.util.Arrays;

/**
 * A generated password handed to the caller once; it prints as a placeholder, so logging it leaks nothing.
 */
final class IssuedPassword {

	private final char[] value;

	IssuedPassword(char[] value) {
		this.value = value;
	}

	/** The password, for the one place it must go (a Kubernetes secret, a vault, a one-time display). */
	public char[] reveal() {
		return this.value.clone();
	}

	/** Overwrites the password in memory once the caller has passed it on. */
	public void destroy() {
		Arrays.fill(this.value, '\0');
	}

	@Override
	public String toString() {
		return "[password not shown]";
	}

}
