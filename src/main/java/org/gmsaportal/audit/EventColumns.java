package org.gmsaportal.audit;

import org.jspecify.annotations.Nullable;

/**
 * Fits an event's values to the columns of {@code audit_event} (db/migration/common/V1) before it is chained.
 *
 * <p>
 * Under group commit one event the database refuses fails every event of its batch, so each value is made storable
 * on its caller's thread first: an over-long text is clipped to its column, ending in {@code …} (as the trail always
 * did for actor, target and the rest), and a character the database would refuse or change is replaced with U+FFFD.
 * PostgreSQL refuses U+0000 in text, and the driver turns a lone surrogate into {@code ?}, so the stored value would
 * no longer be the hashed one and the chain would read as altered. What cannot be made storable (a missing action or
 * target) is refused with the field and the rule named, failing only that event.
 */
final class EventColumns {

	static final int ACTOR = 256;

	static final int ACTOR_ROLES = 512;

	/** actor_kind and outcome, which hold an enum's name. */
	static final int KIND = 16;

	static final int SOURCE_ADDRESS = 64;

	static final int ACTION = 128;

	static final int TARGET = 1024;

	static final int DETAILS = 16000;

	static final int CORRELATION_ID = 128;

	static final int TICKET_REF = 128;

	private static final char REPLACEMENT = '\uFFFD';

	private EventColumns() {
	}

	/**
	 * A value for a NOT NULL column, clipped to {@code max} characters.
	 * @throws IllegalArgumentException naming {@code field} when the value is missing, or blank where it may not be
	 */
	static String required(String field, @Nullable String value, int max, boolean mayBeBlank) {
		if (value == null) {
			throw new IllegalArgumentException("audit event field '" + field + "' is required");
		}
		if (!mayBeBlank && value.isBlank()) {
			throw new IllegalArgumentException("audit event field '" + field + "' must not be blank");
		}
		return fit(value, max);
	}

	/** A value for a nullable column, clipped to {@code max} characters. */
	static @Nullable String optional(@Nullable String value, int max) {
		return (value != null) ? fit(value, max) : null;
	}

	/**
	 * The value with every character the database refuses or changes replaced, clipped to {@code max} characters
	 * without splitting a surrogate pair.
	 */
	static String fit(String value, int max) {
		String clean = storable(value);
		if (clean.length() <= max) {
			return clean;
		}
		int end = max - 1;
		if (Character.isLowSurrogate(clean.charAt(end)) && Character.isHighSurrogate(clean.charAt(end - 1))) {
			end--;
		}
		return clean.substring(0, end) + "…";
	}

	/** U+0000 and lone surrogates replaced with U+FFFD; the same string when it holds neither. */
	static String storable(String value) {
		int bad = firstUnstorable(value);
		if (bad < 0) {
			return value;
		}
		StringBuilder clean = new StringBuilder(value.length()).append(value, 0, bad);
		for (int i = bad; i < value.length(); i++) {
			char c = value.charAt(i);
			if (pairAt(value, i)) {
				clean.append(c).append(value.charAt(++i));
			}
			else {
				clean.append((c == 0 || Character.isSurrogate(c)) ? REPLACEMENT : c);
			}
		}
		return clean.toString();
	}

	private static int firstUnstorable(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == 0) {
				return i;
			}
			if (pairAt(value, i)) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return i;
			}
		}
		return -1;
	}

	private static boolean pairAt(String value, int i) {
		return Character.isHighSurrogate(value.charAt(i)) && i + 1 < value.length()
				&& Character.isLowSurrogate(value.charAt(i + 1));
	}

}
