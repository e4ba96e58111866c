package org.gmsaportal.api.v1;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Strict reads from a parsed JSON body: each value must have its JSON type (no coercion of numbers or
 * booleans into text), unknown properties are refused, and every failure names the field's path.
 */
final class Json {

	private Json() {
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
