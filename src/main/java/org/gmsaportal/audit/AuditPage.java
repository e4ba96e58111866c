package org.gmsaportal.audit;

import java.util.List;

/**
 * One page of audit events, newest first.
 *
 * @param events the events on this page
 * @param page zero-based page number
 * @param size page size
 * @param total number of events matching the query
 */
public record AuditPage(List<AuditRow> events, int page, int size, long total) {

	public AuditPage {
		events = List.copyOf(events);
	}

	public int totalPages() {
		return (int) Math.max(1, (this.total + this.size - 1) / this.size);
	}

}
