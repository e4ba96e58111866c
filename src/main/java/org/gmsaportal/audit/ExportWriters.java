package org.gmsaportal.audit;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes audit rows as CSV or as a JSON array, one row at a time, with every field the chain hashes
 * so that an export can be verified away from the portal ({@code scripts/verify-audit-csv.py} for the CSV).
 */
final class ExportWriters {

	/** The columns the rows are read from, in the same order, without the spaces SQL lists them with. */
	public static final String CSV_HEADER = AuditSql.COLUMNS.replace(", ", ",") + "\r\n";

	/**
	 * First characters a spreadsheet reads as the start of a formula (OWASP ASVS 5 adds NUL, which some readers
	 * drop before they look at the next character), and the escape character.
	 */
	static final String FORMULA_STARTS = "=+-@\t\r\0'";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ExportWriters() {
	}

	public static void csvRow(Writer out, AuditRow row) throws IOException {
		out.write(Long.toString(row.seq()));
		for (String value : new String[] { row.occurredAt().toString(), row.actor(), row.actorKind(),
				row.actorRoles(), row.sourceAddress(), row.action(), row.target(), row.outcome(), row.details(),
				row.correlationId(), row.ticketRef(), row.prevHash(), row.hash() }) {
			out.write(',');
			out.write(csvCell(value));
		}
		out.write("\r\n");
	}

	/**
	 * One cell by the export's rule (docs/audit-export.md), which a verifier undoes exactly: a null is an empty,
	 * unquoted cell and an empty string a quoted one ({@code ""}); a value starting with {@code =}, {@code +},
	 * {@code -}, {@code @}, tab, CR or NUL, which a spreadsheet would run as a formula, or with {@code '}, the escape
	 * itself, gets one {@code '} in front; then RFC 4180 quoting where a comma, quote or line break needs it.
	 */
	static String csvCell(@Nullable String value) {
		if (value == null) {
			return "";
		}
		if (value.isEmpty()) {
			return "\"\"";
		}
		String cell = (FORMULA_STARTS.indexOf(value.charAt(0)) >= 0) ? "'" + value : value;
		if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
			return '"' + cell.replace("\"", "\"\"") + '"';
		}
		return cell;
	}

	public static void jsonRow(Writer out, AuditRow row, boolean first) throws IOException {
		Map<String, @Nullable Object> object = new LinkedHashMap<>();
		object.put("seq", row.seq());
		object.put("occurredAt", row.occurredAt().toString());
		object.put("actor", row.actor());
		object.put("actorKind", row.actorKind());
		object.put("actorRoles", row.actorRoles());
		object.put("sourceAddress", row.sourceAddress());
		object.put("action", row.action());
		object.put("target", row.target());
		object.put("outcome", row.outcome());
		// As stored (a JSON string): the hash covers these exact characters.
		object.put("details", row.details());
		object.put("correlationId", row.correlationId());
		object.put("ticketRef", row.ticketRef());
		object.put("prevHash", row.prevHash());
		object.put("hash", row.hash());
		if (!first) {
			out.write(",\n");
		}
		out.write(JSON.writeValueAsString(object));
	}

}
