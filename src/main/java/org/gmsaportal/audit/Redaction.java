package org.gmsaportal.audit;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Removes secret values from event details before they are stored, and sorts keys so the stored JSON
 * does not depend on map order.
 *
 * <p>
 * A key names a secret when it ends in a secret's noun ({@code bindPassword}, {@code unicodePwd},
 * {@code msDS-ManagedPassword}, {@code signingSecret}, {@code apiClientToken}, {@code privateKey},
 * {@code kubeconfig}), or in a word for its value after one ({@code secretValue}, {@code passwordData}). A key
 * that says something about a secret ({@code msDS-ManagedPasswordInterval}, {@code previousPasswordPresent},
 * {@code currentPasswordBytes}, {@code secretName}, {@code credentialSpecName}) is a fact an auditor needs, and is
 * kept: the key is split into words (camel case, {@code -}, {@code _}, {@code .}) and its last word decides.
 */
final class Redaction {

	/** What a redacted value is replaced with. */
	public static final String REDACTED = "[REDACTED]";

	private static final Set<String> SECRET_NOUNS = Set.of("password", "passwd", "pwd", "passphrase", "secret",
			"token", "credential", "kubeconfig", "apikey", "privatekey", "cookie", "passwords", "secrets", "tokens",
			"credentials");

	/** Second words that make a key out of a first one: {@code privateKey}, {@code api_key}, {@code signingKey}. */
	private static final Set<String> KEY_QUALIFIERS = Set.of("private", "api", "signing", "secret", "access",
			"encryption", "client", "session", "hmac", "checkpoint");

	/** Words that name a secret's value itself, when a secret's noun comes before them. */
	private static final Set<String> VALUE_WORDS = Set.of("value", "data", "blob", "plaintext", "cleartext");

	private static final Pattern WORD_BOUNDARY = Pattern
		.compile("[-_.\\s]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");

	private Redaction() {
	}

	public static Map<String, Object> redact(Map<String, ?> details) {
		Map<String, Object> clean = new TreeMap<>();
		details.forEach((key, value) -> clean.put(key, namesSecret(key) ? REDACTED : value(value)));
		return clean;
	}

	/** Whether the value under this key is a secret (see the class comment for the rule). */
	static boolean namesSecret(String key) {
		List<String> words = WORD_BOUNDARY.splitAsStream(key.strip())
			.filter((w) -> !w.isEmpty())
			.map((w) -> w.toLowerCase(Locale.ROOT))
			.toList();
		if (words.isEmpty()) {
			return false;
		}
		String last = words.get(words.size() - 1);
		if (SECRET_NOUNS.contains(last)) {
			return true;
		}
		if (last.equals("key") && words.size() > 1 && KEY_QUALIFIERS.contains(words.get(words.size() - 2))) {
			return true;
		}
		return VALUE_WORDS.contains(last)
				&& words.subList(0, words.size() - 1).stream().anyMatch(SECRET_NOUNS::contains);
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Object value(@Nullable Object value) {
		if (value instanceof Map<?, ?> map) {
			return redact((Map<String, ?>) map);
		}
		if (value instanceof Collection<?> items) {
			return items.stream().map(Redaction::value).toList();
		}
		if (value == null || value instanceof Number || value instanceof Boolean) {
			return value;
		}
		return value.toString();
	}

}
