package org.gmsaportal.audit;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Removes secret values from event details before they are stored, and sorts keys so the stored JSON
 * does not depend on map order.
 */
final class Redaction {

	/** What a redacted value is replaced with. */
	public static final String REDACTED = "[REDACTED]";

	private static final Pattern SECRET_KEY = Pattern
		.compile("(?i).*(password|passwd|pwd|secret|token|credential|private.?key|kubeconfig|api.?key).*");

	private Redaction() {
	}

	public static Map<String, Object> redact(Map<String, ?> details) {
		Map<String, Object> clean = new TreeMap<>();
		details.forEach((key, value) -> clean.put(key, SECRET_KEY.matcher(key).matches() ? REDACTED : value(value)));
		return clean;
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
