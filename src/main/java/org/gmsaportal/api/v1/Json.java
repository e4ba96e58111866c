package org.gmsaportal.api.v1;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.gmsaportal.provisioning.TextRules;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonPointer;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Strict reads from a JSON body: no key twice in one object, each value must have its JSON type (no coercion of
 * numbers or booleans into text), unknown properties are refused, and every failure names the field's path.
 */
final class Json {

	private Json() {
	}

	/**
	 * Parses a body, refusing a key that appears twice in one object: with "last wins" a second {@code account}
	 * would silently replace the one a reviewer reads first.
	 */
	static JsonNode parse(JsonMapper json, String raw) {
		try {
			return json.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION).readTree(raw);
		}
		catch (StreamReadException ex) {
			if (String.valueOf(ex.getOriginalMessage()).startsWith("Duplicate Object property")
					&& ex.processor() != null) {
				throw new ApiInputException(path(ex.processor().streamReadContext().pathAsPointer()),
						"duplicate key: each key may appear once in an object");
			}
			// the parser's message quotes the input: never echo it
			throw new ApiInputException("body", "malformed");
		}
		catch (JacksonException ex) {
			throw new ApiInputException("body", "malformed");
		}
	}

	/** {@code /hosts/plugin/type} as {@code hosts.plugin.type}, {@code /a/0/b} as {@code a[0].b}. */
	private static String path(JsonPointer pointer) {
		StringBuilder path = new StringBuilder();
		for (JsonPointer at = pointer; !at.matches(); at = at.tail()) {
			if (at.getMatchingIndex() >= 0 && !at.mayMatchProperty()) {
				path.append('[').append(at.getMatchingIndex()).append(']');
				continue;
			}
			String name = at.getMatchingProperty();
			// the name is the client's input: shown only when it is short and plain
			path.append(path.isEmpty() ? "" : ".").append(name.matches("[A-Za-z0-9_]{1,40}") ? name : "?");
		}
		return path.isEmpty() ? "body" : path.toString();
	}

	/** The object at {@code name}, or null when absent or JSON null; refuses properties not in {@code allowed}. */
	static @Nullable JsonNode object(JsonNode parent, String name, String path, boolean required, Set<String> allowed) {
		JsonNode node = parent.get(name);
		if (node == null || node.isNull()) {
			if (required) {
				throw new ApiInputException(path, "required");
			}
			return null;
		}
		if (!node.isObject()) {
			throw new ApiInputException(path, "type");
		}
		onlyKnown(node, path, allowed);
		return node;
	}

	/** Refuses any property of the object that is not listed. */
	static void onlyKnown(JsonNode node, String path, Set<String> allowed) {
		for (String property : node.propertyNames()) {
			if (!allowed.contains(property)) {
				// the name is the client's input: shown only when it is short and plain
				String shown = property.matches("[A-Za-z0-9_]{1,40}") ? property : "?";
				throw new ApiInputException(path.isEmpty() ? shown : path + "." + shown, "unknown");
			}
		}
	}

	/** The text at {@code name}, stripped, or null when absent, JSON null or blank and not required. */
	static @Nullable String text(@Nullable JsonNode parent, String name, String path, boolean required, int max) {
		JsonNode node = (parent != null) ? parent.get(name) : null;
		if (node == null || node.isNull()) {
			if (required) {
				throw new ApiInputException(path, "required");
			}
			return null;
		}
		if (!node.isString()) {
			throw new ApiInputException(path, "type");
		}
		String value = node.asString().strip();
		if (value.length() > max) {
			throw new ApiInputException(path, "size");
		}
		if (value.chars().anyMatch(Character::isISOControl)) {
			throw new ApiInputException(path, "pattern");
		}
		if (TextRules.hasBidiControl(value)) {
			throw new ApiInputException(path, TextRules.NO_BIDI_CONTROLS);
		}
		if (value.isEmpty()) {
			if (required) {
				throw new ApiInputException(path, "required");
			}
			return null;
		}
		return value;
	}

	/** The list of texts at {@code name}, empty when absent or JSON null. */
	static List<String> texts(@Nullable JsonNode parent, String name, String path, int maxItems, int max) {
		JsonNode node = (parent != null) ? parent.get(name) : null;
		if (node == null || node.isNull()) {
			return List.of();
		}
		if (!node.isArray()) {
			throw new ApiInputException(path, "type");
		}
		if (node.size() > maxItems) {
			throw new ApiInputException(path, "size");
		}
		List<String> values = new ArrayList<>();
		for (int i = 0; i < node.size(); i++) {
			JsonNode item = node.get(i);
			if (item == null || !item.isString()) {
				throw new ApiInputException(path + "[" + i + "]", "type");
			}
			String value = item.asString().strip();
			if (value.isEmpty() || value.length() > max) {
				throw new ApiInputException(path + "[" + i + "]", value.isEmpty() ? "required" : "size");
			}
			if (value.chars().anyMatch(Character::isISOControl)) {
				throw new ApiInputException(path + "[" + i + "]", "pattern");
			}
			if (TextRules.hasBidiControl(value)) {
				throw new ApiInputException(path + "[" + i + "]", TextRules.NO_BIDI_CONTROLS);
			}
			values.add(value);
		}
		return values;
	}

	/** The boolean at {@code name}, or the fallback when absent or JSON null. */
	static boolean bool(@Nullable JsonNode parent, String name, String path, boolean fallback) {
		JsonNode node = (parent != null) ? parent.get(name) : null;
		if (node == null || node.isNull()) {
			return fallback;
		}
		if (!node.isBoolean()) {
			throw new ApiInputException(path, "type");
		}
		return node.booleanValue();
	}

}
