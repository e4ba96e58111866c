package org.gmsaportal.credspec;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The syntax rules for the names and identifiers a credential spec carries, shared by generator and validator.
 */
final class InputRules {

	// One DNS label: letters, digits and inner hyphens, at most 63 characters (RFC 1123).
	private static final Pattern DNS_NAME = Pattern
		.compile("(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

	// Characters Active Directory refuses in NetBIOS domain names; a period is refused too because it makes the
	// name look like a DNS name, which is exactly the confusion credspecs suffer from.
	private static final Pattern NETBIOS_NAME = Pattern.compile("[^\\\\/:*?\"<>|.\\s]{1,15}");

	// Characters Active Directory refuses in sAMAccountName.
	private static final Pattern ACCOUNT_NAME = Pattern.compile("[^\"/\\\\\\[\\]:;|=,+*?<>@\\s]+");

	private static final Pattern SID = Pattern.compile("S-1-5-21((?:-\\d{1,10})+)", Pattern.CASE_INSENSITIVE);

	private static final Pattern GUID = Pattern
		.compile("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");

	private static final Pattern CLSID = Pattern.compile("\\{" + GUID.pattern() + "\\}");

	/** gMSA names are capped so that {@code name$} fits the 16-character NetBIOS computer name. */
	static final int MAX_GMSA_NAME_LENGTH = 15;

	/** sAMAccountName of a user is at most 20 characters. */
	static final int MAX_USER_NAME_LENGTH = 20;

	private InputRules() {
	}

	static boolean isDnsName(String value) {
		return DNS_NAME.matcher(value).matches();
	}

	static boolean isNetBiosName(String value) {
		return NETBIOS_NAME.matcher(value).matches();
	}

	static boolean isAccountName(String value, int maxLength) {
		return value.length() <= maxLength && ACCOUNT_NAME.matcher(value).matches() && !value.endsWith(".");
	}

	static boolean isGuid(String value) {
		return GUID.matcher(value).matches();
	}

	static boolean isClsid(String value) {
		return CLSID.matcher(value).matches();
	}

	/** The domain-relative part of an {@code S-1-5-21-...} SID, when the value is one, else empty. */
	static Optional<long[]> sidSubAuthorities(String value) {
		Matcher matcher = SID.matcher(value);
		if (!matcher.matches()) {
			return Optional.empty();
		}
		String[] parts = matcher.group(1).substring(1).split("-");
		long[] numbers = new long[parts.length];
		for (int i = 0; i < parts.length; i++) {
			numbers[i] = Long.parseLong(parts[i]);
			if (numbers[i] > 0xFFFF_FFFFL) {
				return Optional.empty();
			}
		}
		return Optional.of(numbers);
	}

	/** A domain SID is {@code S-1-5-21} followed by exactly three 32-bit sub-authorities and no RID. */
	static boolean isDomainSid(String value) {
		return sidSubAuthorities(value).map((parts) -> parts.length == 3).orElse(false);
	}

	/** For an account SID (domain SID plus RID), the domain SID it belongs to. */
	static Optional<String> domainSidOfAccountSid(String value) {
		return sidSubAuthorities(value).filter((parts) -> parts.length == 4)
			.map((parts) -> "S-1-5-21-" + parts[0] + "-" + parts[1] + "-" + parts[2]);
	}

	/** Strips the trailing {@code $} the way {@code New-CredentialSpec} does ({@code TrimEnd('$')}). */
	static String withoutDollar(String accountName) {
		String name = accountName;
		while (name.endsWith("$")) {
			name = name.substring(0, name.length() - 1);
		}
		return name;
	}

	static boolean sameName(String a, String b) {
		return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
	}

}
