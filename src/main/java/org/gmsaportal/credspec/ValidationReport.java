package org.gmsaportal.credspec;

import java.util.List;

/**
 * All findings for one credential spec, in the order a reader would fix them.
 *
 * @param findings what the validator found; empty for a sound credspec
 */
public record ValidationReport(List<Finding> findings) {

	public ValidationReport {
		findings = List.copyOf(findings);
	}

	/** Whether the credspec has no errors (warnings and notes allowed). */
	public boolean isValid() {
		return errors().isEmpty();
	}

	public List<Finding> errors() {
		return ofSeverity(Severity.ERROR);
	}

	public List<Finding> warnings() {
		return ofSeverity(Severity.WARNING);
	}

	private List<Finding> ofSeverity(Severity severity) {
		return this.findings.stream().filter((finding) -> finding.severity() == severity).toList();
	}

}
