package org.gmsaportal.credspec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A secret (a password, or a plug-in secret holding one) that never shows itself in {@code toString()}, and so
 * never in a log line, an exception message or a record's string form.
 */
public final class SecretValue {

	private static final String REDACTED = "SecretValue[redacted]";

	private final String value;

	private SecretValue(String value) {
		this.value = value;
	}

	/**
	 * Wraps a secret.
	 * @throws InvalidCredentialSpecInputException if it is empty (the message never repeats the value)
	 */
	public static SecretValue of(String value) {
		if (value.isEmpty()) {
			throw new InvalidCredentialSpecInputException("secret", "must not be empty");
		}
		return new SecretValue(value);
	}

	/** The secret itself: call this only where it goes to its destination (a directory, a secret store). */
	public String reveal() {
		return this.value;
	}

	public int length() {
		return this.value.length();
	}

	@Override
	public boolean equals(Object other) {
		// Constant-time, so comparing secrets does not leak how much of them matched.
		return other instanceof SecretValue that && MessageDigest.isEqual(this.value.getBytes(StandardCharsets.UTF_8),
				that.value.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public int hashCode() {
		// A constant keeps hash-based collections working without deriving anything from the secret.
		return 0;
	}

	@Override
	public String toString() {
		return REDACTED;
	}

}
