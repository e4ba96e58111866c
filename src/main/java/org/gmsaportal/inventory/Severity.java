package org.gmsaportal.inventory;

/** How urgent a finding is, most urgent first. */
public enum Severity {
	HIGH, MEDIUM, LOW
}
