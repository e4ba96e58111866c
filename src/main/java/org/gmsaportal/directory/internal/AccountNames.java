package org.gmsaportal.directory.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Rules for account names typed by people: sAMAccountName syntax, and UPNs of the configured domain.
 */
public final class AccountNames {

	// Characters AD forbids in sAMAccountName (MS-ADTS 3.1.1.5.2.6 via the reference notes).
	private static final Pattern FORBIDDEN = Pattern.compile("[\"/\\\\\\[\\]:;|=,+*?<>@\\p{Cntrl}]");

	private static final int MAX_USER_LENGTH = 20;

	private AccountNames() {
	}

	/**
	 * Returns the sAMAccountName in {@code input}, which may be {@code name} or {@code name@domain}.
	 * @throws IllegalArgumentException naming the rule that {@code input} breaks
	 */
	public static String userAccountName(String input, String domain) {
		String name = input.strip();
		int at = name.lastIndexOf('@');
		if (at >= 0) {
			String suffix = name.substring(at + 1);
			if (!suffix.toLowerCase(Locale.ROOT).equals(domain.toLowerCase(Locale.ROOT))) {
				throw new IllegalArgumentException("user name: the domain after @ must be " + domain);
			}
			name = name.substring(0, at);
		}
		if (name.isEmpty()) {
			throw new IllegalArgumentException("user name: must not be empty");
		}
		if (name.length() > MAX_USER_LENGTH) {
			throw new IllegalArgumentException("user name: at most " + MAX_USER_LENGTH + " characters");
		}
		if (FORBIDDEN.matcher(name).find()) {
			throw new IllegalArgumentException("user name: must not contain \" / \\ [ ] : ; | = , + * ? < > @");
		}
		if (name.chars().allMatch(c -> c == '.' || c == ' ')) {
			throw new IllegalArgumentException("user name: must not consist only of dots and spaces");
		}
		return name;
	}

}
