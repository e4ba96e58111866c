package org.gmsaportal.directory.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Turns the diagnostic text of an AD bind failure into words an admin understands.
 */
public final class LdapErrors {

	// AD puts a Win32 error in "data NNN" of the diagnostic message of a failed bind.
	private static final Pattern DATA_CODE = Pattern.compile("data ([0-9a-fA-F]{3,8})");

	private static final Map<String, String> BIND_REASONS = Map.of("525", "user not found", "52e",
			"invalid credentials", "530", "sign-in not permitted at this time", "531",
			"sign-in not permitted from this workstation", "532", "password expired", "533", "account disabled",
			"701", "account expired", "773", "password must be changed", "775", "account locked out");

	private LdapErrors() {
	}

	/** The reason a bind was refused, from the AD diagnostic message if it carries one. */
	public static String bindFailureReason(@Nullable String diagnostic) {
		if (diagnostic != null) {
			Matcher matcher = DATA_CODE.matcher(diagnostic);
			if (matcher.find()) {
				String reason = BIND_REASONS.get(matcher.group(1).toLowerCase());
				if (reason != null) {
					return reason;
				}
			}
		}
		return "invalid credentials";
	}

}
