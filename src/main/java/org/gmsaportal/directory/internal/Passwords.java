package org.gmsaportal.directory.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Generated account passwords and their {@code unicodePwd} encoding.
 */
public final class Passwords {

	// No look-alikes and no quote or backslash, so the password survives copy-paste into any config.
	private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";

	private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";

	private static final String DIGITS = "23456789";

	private static final String SYMBOLS = "-_.!@#%+=:";

	private static final String ALL = UPPER + LOWER + DIGITS + SYMBOLS;

	public static final int LENGTH = 32;

	private static final SecureRandom RANDOM = new SecureRandom();

	private Passwords() {
	}

	/** A random password with every character class AD complexity asks for. */
	public static char[] generate() {
		char[] password = new char[LENGTH];
		String[] required = { UPPER, LOWER, DIGITS, SYMBOLS };
		for (int i = 0; i < password.length; i++) {
			String pool = (i < required.length) ? required[i] : ALL;
			password[i] = pool.charAt(RANDOM.nextInt(pool.length()));
		}
		// Shuffle so the required classes are not always in the first four places.
		for (int i = password.length - 1; i > 0; i--) {
			int j = RANDOM.nextInt(i + 1);
			char c = password[i];
			password[i] = password[j];
			password[j] = c;
		}
		return password;
	}

	/** The value AD expects in unicodePwd: the password in double quotes, UTF-16LE. */
	public static byte[] unicodePwd(char[] password) {
		return ("\"" + new String(password) + "\"").getBytes(StandardCharsets.UTF_16LE);
	}

}
