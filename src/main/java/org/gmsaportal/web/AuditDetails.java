package org.gmsaportal.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gmsaportal.audit.AuditRow;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An audit event's details (a JSON object) as key/value rows people read: nested objects flattened into dotted keys,
 * lists of plain values joined, long values marked so that pages show them truncated and expandable. Pages once
 * showed the raw JSON in a narrow column, one character per line (issue 19).
 */
public final class AuditDetails {

	/** Values longer than this are shown truncated, with the whole value a click away. */
	static final int LONG = 80;

	/** How many rows the one-line summary names before it stops. */
	private static final int SUMMARY_ROWS = 4;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private AuditDetails() {
	}

	/**
	 * One detail.
	 *
	 * @param key the key, dotted for a nested object ({@code checkpoint.seq}), indexed for a list of objects
	 * @param value the value as text
	 */
	public record Entry(String key, String value) {

		/** Whether the value is shown truncated. */
		public boolean isLong() {
			return this.value.length() > LONG;
		}

		/** The start of a long value, as its collapsed form shows it. */
		public String preview() {
			return isLong() ? this.value.substring(0, LONG - 20).stripTrailing() + "\u2026" : this.value;
		}

	}

	/**
	 * An event with its details as rows, for the audit list, a run's events and the event's own page.
	 *
	 * @param row the stored event
	 * @param details its details as rows, in the order they were recorded
	 */
	public record Event(AuditRow row, List<Entry> details) {

		/** The first few details on one line ({@code key: value · key: value}), for a row that is one line high. */
		public String summary() {
			List<String> parts = new ArrayList<>();
			for (Entry entry : this.details.subList(0, Math.min(SUMMARY_ROWS, this.details.size()))) {
				parts.add(entry.key() + ": " + entry.preview());
			}
			String more = (this.details.size() > SUMMARY_ROWS) ? " \u00b7 +" + (this.details.size() - SUMMARY_ROWS)
					: "";
			return String.join(" \u00b7 ", parts) + more;
		}

	}

	/** Each row with its details. */
	public static List<Event> of(List<AuditRow> rows) {
		return rows.stream().map((row) -> new Event(row, entries(row.details()))).toList();
	}

	/**
	 * The details as rows. What is not a JSON object (an event written by hand, a cut-off value) is one row named
	 * {@code details}, never dropped.
	 */
	public static List<Entry> entries(String details) {
		JsonNode node;
		try {
			node = JSON.readTree(details);
		}
		catch (JacksonException ex) {
			return List.of(new Entry("details", details));
		}
		if (node == null || !node.isObject()) {
			return details.isBlank() ? List.of() : List.of(new Entry("details", details));
		}
		List<Entry> entries = new ArrayList<>();
		flatten("", node, entries);
		return entries;
	}

	private static void flatten(String prefix, JsonNode node, List<Entry> into) {
		if (node.isObject()) {
			if (node.isEmpty() && !prefix.isEmpty()) {
				into.add(new Entry(prefix, "{}"));
			}
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into);
			}
		}
		else if (node.isArray() && node.valueStream().allMatch(JsonNode::isValueNode)) {
			into.add(new Entry(prefix, String.join(", ", node.valueStream().map(AuditDetails::text).toList())));
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				flatten(prefix + "[" + i + "]", node.get(i), into);
			}
		}
		else {
			into.add(new Entry(prefix, text(node)));
		}
	}

	private static String text(JsonNode value) {
		return value.isNull() ? "null" : value.asString();
	}

}
