package org.gmsaportal.web.inventory;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * CSV cells by the audit export's rule (docs/audit-export.md; the audit module keeps its writer to itself): a value
 * a spreadsheet would run as a formula gets one {@code '} in front, then RFC 4180 quoting. The inventory's values
 * come from AD and clusters, where anyone who may write a description or an SPN chooses them.
 */
final class CsvCells {

	/** First characters a spreadsheet reads as the start of a formula, NUL, and the escape character. */
	static final String FORMULA_STARTS = "=+-@\t\r\0'";

	private CsvCells() {
	}

	static String cell(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		String text = value.toString();
		if (text.isEmpty()) {
			return "\"\"";
		}
		String cell = (FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) ? "'" + text : text;
		if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
			return '"' + cell.replace("\"", "\"\"") + '"';
		}
		return cell;
	}

	static void row(Writer out, List<?> values) throws IOException {
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				out.write(',');
			}
			out.write(cell(values.get(i)));
		}
		out.write("\r\n");
	}

}
