package org.gmsaportal.credspec;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects findings while the checks run.
 */
final class Findings {

	private final List<Finding> list = new ArrayList<>();

	void error(FindingCode code, String field, String problem, String fix) {
		this.list.add(new Finding(Severity.ERROR, code, field, problem, fix));
	}

	void warning(FindingCode code, String field, String problem, String fix) {
		this.list.add(new Finding(Severity.WARNING, code, field, problem, fix));
	}

	void info(FindingCode code, String field, String problem, String fix) {
		this.list.add(new Finding(Severity.INFO, code, field, problem, fix));
	}

	/** Whether a field already has an error, so later checks do not report it a second time. */
	boolean hasErrorFor(String field) {
		return this.list.stream().anyMatch((finding) -> finding.severity() == Severity.ERROR && finding.field().equals(field));
	}

	ValidationReport report() {
		return new ValidationReport(this.list);
	}

}
