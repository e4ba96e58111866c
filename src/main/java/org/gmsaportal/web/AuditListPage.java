package org.gmsaportal.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.gmsaportal.audit.AuditLog;
import org.gmsaportal.audit.AuditQuery;
import org.gmsaportal.audit.AuditRow;
import org.jspecify.annotations.Nullable;

/**
 * One page of the audit list, newest first, read by keyset (issue 18): the page before or after a sequence number,
 * never an OFFSET over the rows it skips, and a count that stops at {@link #COUNT_CAP}, never a COUNT over the table.
 *
 * @param events the events on this page, newest first
 * @param matching how many events match, at most {@link #COUNT_CAP} + 1
 * @param older the sequence number to read older events before, or {@code null} if there are none
 * @param newer the sequence number to read newer events after, or {@code null} on the newest page
 */
record AuditListPage(List<AuditRow> events, long matching, @Nullable Long older, @Nullable Long newer) {

	static final long COUNT_CAP = 1000;

	/**
	 * The page older than {@code before} or, given {@code after}, the page newer than it; neither: the newest page.
	 */
	static AuditListPage read(AuditLog log, AuditQuery query, @Nullable Long before, @Nullable Long after, int size) {
		long matching = log.countUpTo(query, COUNT_CAP);
		if (after != null && before == null) {
			List<AuditRow> rows = new ArrayList<>(log.after(query, after, size + 1));
			boolean newerLeft = rows.size() > size;
			rows = new ArrayList<>(rows.subList(0, Math.min(size, rows.size())));
			Collections.reverse(rows);
			return new AuditListPage(rows, matching, rows.isEmpty() ? null : rows.get(rows.size() - 1).seq(),
					(newerLeft && !rows.isEmpty()) ? rows.get(0).seq() : null);
		}
		List<AuditRow> rows = log.before(query, (before != null) ? before : Long.MAX_VALUE, size + 1);
		boolean olderLeft = rows.size() > size;
		rows = rows.subList(0, Math.min(size, rows.size()));
		return new AuditListPage(rows, matching, (olderLeft && !rows.isEmpty()) ? rows.get(rows.size() - 1).seq() : null,
				(before != null && !rows.isEmpty()) ? rows.get(0).seq() : null);
	}

	/** Whether more events match than were counted. */
	public boolean more() {
		return this.matching > COUNT_CAP;
	}

	public long countCap() {
		return COUNT_CAP;
	}

}
