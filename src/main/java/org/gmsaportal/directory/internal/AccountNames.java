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

	private static final Pattern DNS_NAME = Pattern
		.compile("(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

	// service-class/host[:port][/service-name]; no spaces, controls or filter/DN specials.
	private static final Pattern SPN = Pattern
		.compile("[A-Za-z][A-Za-z0-9.-]{0,63}/[A-Za-z0-9._-]{1,253}(:[0-9]{1,5})?(/[A-Za-z0-9._-]{1,253})?");

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

	/** Checks a group name (also its sAMAccountName) and returns it. */
	public static String groupName(String input) {
		return accountName("group name", input);
	}

	/** Checks the sAMAccountName of an existing group, user or computer ({@code HOST01$}) named in {@code field}. */
	public static String accountName(String field, String input) {
		String name = input.strip();
		if (name.isEmpty() || name.length() > 64) {
			throw new IllegalArgumentException(field + ": 1 to 64 characters");
		}
		if (FORBIDDEN.matcher(name).find() || name.endsWith(".")) {
			throw new IllegalArgumentException(field + ": must not contain \" / \\ [ ] : ; | = , + * ? < > @ "
					+ "or control characters, or end with a dot");
		}
		return name;
	}

	/** Checks a DNS host name and returns it in lower case. */
	public static String dnsName(String input) {
		if (!DNS_NAME.matcher(input).matches()) {
			throw new IllegalArgumentException("DNS host name: letters, digits and hyphens in dot-separated labels");
		}
		return input.toLowerCase(Locale.ROOT);
	}

	/** Checks a service principal name such as {@code http/web.lab.test} or {@code MSSQLSvc/db:1433}. */
	public static String spn(String input) {
		if (!SPN.matcher(input).matches()) {
			throw new IllegalArgumentException("SPN " + printable(input) + ": expected service/host[:port][/name] "
					+ "with letters, digits, dots, hyphens and underscores only");
		}
		return input;
	}

	// Bad input is echoed in messages, so strip what would garble a log line or page.
	private static String printable(String input) {
		String shown = input.replaceAll("\\p{Cntrl}", "?");
		return (shown.length() > 80) ? shown.substring(0, 80) + "..." : shown;
	}

}
