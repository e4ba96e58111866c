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
 * The key is split into words (camel case, {@code -}, {@code _}, {@code .}; trailing digits dropped). It names a
 * secret when any word is a secret's noun ({@code bindPassword}, {@code unicodePwd}, {@code signingSecret},
 * {@code apiClientToken}, {@code kubeconfigYaml}, {@code passwordBase64}) or a qualified key ({@code privateKeyPem},
 * {@code x-api-key}), unless its last word says it is a fact about a secret, which an auditor needs:
 * {@code msDS-ManagedPasswordInterval}, {@code previousPasswordPresent}, {@code currentPasswordBytes},
 * {@code secretName}, {@code tokenExpiresAt}. In doubt it redacts: only a known last word keeps a secret's noun.
 */
final class Redaction {

	/** What a redacted value is replaced with. */
	public static final String REDACTED = "[REDACTED]";

	private static final Set<String> SECRET_NOUNS = Set.of("password", "passwd", "pwd", "passphrase", "secret",
			"token", "credential", "kubeconfig", "apikey", "privatekey", "cookie", "passwords", "secrets", "tokens",
			"credentials");

	/** Second words that make a key out of a first one: {@code privateKey}, {@code api_key}, {@code signingKey}. */
	private static final Set<String> KEY_QUALIFIERS = Set.of("private", "api", "signing", "secret", "access",
			"encryption", "client", "session", "hmac", "checkpoint", "root");

	/** Last words that make a key a fact about a secret, never the secret itself. */
	private static final Set<String> FACT_WORDS = Set.of("name", "names", "interval", "present", "bytes", "count",
			"length", "id", "version", "set", "at", "expires", "waiting", "groups", "type", "uri", "namespace", "ref",
			"age", "rotated", "required", "state", "status", "spec", "param");

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
			.map((w) -> w.toLowerCase(Locale.ROOT).replaceAll("\\d+$", ""))
			.toList();
		if (words.isEmpty()) {
			return false;
		}
		if (FACT_WORDS.contains(words.get(words.size() - 1))) {
			return false;
		}
		for (int i = 0; i < words.size(); i++) {
			String word = words.get(i);
			if (SECRET_NOUNS.contains(word)
					|| (word.equals("key") && i > 0 && KEY_QUALIFIERS.contains(words.get(i - 1)))) {
				return true;
			}
		}
		return false;
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
