package org.gmsaportal.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSV cell rule on its own: every first character a spreadsheet could read as the start of a formula gets the
 * one apostrophe the verifier removes; other text is left alone. (PostgreSQL cannot store NUL, so the export
 * contract, run on both databases, cannot hold that case.)
 */
class ExportWritersTests {

	@Test
	void everyFormulaStartGetsOneApostropheAndPlainTextNone() {
		for (String value : new String[] { "=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\0=1+1", "'quoted" }) {
			assertThat(ExportWriters.csvCell(value)).as("%s", value.replace("\0", "NUL")).isIn("'" + value,
					"\"'" + value + "\"");
		}
		assertThat(ExportWriters.csvCell("admin")).isEqualTo("admin");
	}

}
