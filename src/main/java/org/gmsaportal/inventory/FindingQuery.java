package org.gmsaportal.inventory;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Which of a snapshot's findings to list, most urgent first, then by rule and subject; a null field does not filter.
 *
 * @param severity only findings of this severity
 * @param text the subject or the rule's code contains this (case-insensitive)
 */
public record FindingQuery(@Nullable Severity severity, @Nullable String text) {

	/** The order of every findings list: severity, rule, subject. */
	public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
		.thenComparing(Finding::code)
		.thenComparing(Finding::subject);

	/** Every finding. */
	public static FindingQuery all() {
		return new FindingQuery(null, null);
	}

	/** The findings that match, in {@link #ORDER}. */
	public List<Finding> apply(List<Finding> all) {
		return all.stream().filter(this::matches).sorted(ORDER).toList();
	}

	boolean matches(Finding finding) {
		if (this.severity != null && finding.severity() != this.severity) {
			return false;
		}
		String part = part();
		return part == null || finding.subject().toLowerCase(Locale.ROOT).contains(part)
				|| finding.code().toLowerCase(Locale.ROOT).contains(part);
	}

	/** The text as matched: stripped, lower case; {@code null} when blank. */
	@Nullable String part() {
		return (this.text == null || this.text.isBlank()) ? null : this.text.strip().toLowerCase(Locale.ROOT);
	}

}
