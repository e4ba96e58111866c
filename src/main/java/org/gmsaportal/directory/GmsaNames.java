package org.gmsaportal.directory;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The one rule for a gMSA name (its sAMAccountName without {@code $}), which the directory applies before it
 * writes and the provisioning engine and both front doors apply at the door, so that none of them accepts a name
 * another refuses.
 *
 * <p>
 * A gMSA is a computer account: its name is a NetBIOS computer name (at most 15 characters, so that the name
 * plus {@code $} fits the 16-character limit), and Microsoft's naming rules add that "as the NetBIOS computer
 * name is the same as the DNS host name, the DNS host name restrictions also apply" (KB 909264), which is why
 * the default {@code dNSHostName} is {@code <name>.<domain>}. So: letters, digits and inner hyphens only. A
 * period would split the DNS name (and starts a NetBIOS scope), an underscore is not valid in a host name, and
 * a name of digits only is refused for domain members.
 */
public final class GmsaNames {

	/** The characters, without the length: letters and digits, with hyphens inside. */
	public static final String PATTERN = "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?";

	/** The NetBIOS limit less the {@code $}. */
	public static final int MAX_LENGTH = 15;

	/** The rule as people read it, after "must be". */
	public static final String RULE = "1 to 15 letters, digits or hyphens, not starting or ending with a hyphen "
			+ "(the name plus '$' must fit the 16-character NetBIOS limit, and the name is also the DNS host name, "
			+ "so '.' and '_' are not allowed)";

	/** The rule for a name of digits only, after "must". */
	public static final String NOT_DIGITS_ONLY = "not consist of digits only";

	private static final Pattern CHARACTERS = Pattern.compile(PATTERN);

	private GmsaNames() {
	}

	/**
	 * Checks a gMSA name (a trailing {@code $} is dropped) and returns it without the {@code $}.
	 * @throws IllegalArgumentException naming the rule, as the directory's other name checks do
	 */
	public static String check(String input) {
		String name = input.endsWith("$") ? input.substring(0, input.length() - 1) : input;
		String problem = problem(name);
		if (problem != null) {
			throw new IllegalArgumentException("gMSA name: " + problem + ", without the trailing $");
		}
		return name;
	}

	/**
	 * What is wrong with the name (without {@code $}), or {@code null} if it keeps the rule.
	 * @return "must be ..." or "must not ...", to follow the field's name
	 */
	public static @Nullable String problem(String name) {
		if (name.isEmpty() || name.length() > MAX_LENGTH || !CHARACTERS.matcher(name).matches()) {
			return "must be " + RULE;
		}
		if (name.chars().allMatch(Character::isDigit)) {
			return "must " + NOT_DIGITS_ONLY;
		}
		return null;
	}

}
