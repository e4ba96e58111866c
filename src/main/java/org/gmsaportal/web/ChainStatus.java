package org.gmsaportal.web;

import java.time.Instant;
import java.util.List;

import org.gmsaportal.audit.AuditLog;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditQuery;
import org.gmsaportal.audit.AuditRow;
import org.jspecify.annotations.Nullable;

/**
 * The chain's state as the audit page shows it at its top: the newest recorded verification (its own audit event,
 * {@code audit.verify}) and how many events were recorded after the ones it checked. Two reads that do not grow
 * with the trail: walking a million events on every page view is what the verify page is for, on demand.
 *
 * @param verifiedAt when the chain was last verified, or {@code null} if it never was
 * @param verifiedBy who asked for that verification
 * @param intact whether that verification found the chain intact
 * @param checked how many events it checked (the events from 1 to this number)
 * @param problem what it found wrong, if it was not intact
 * @param size how many events the trail holds now
 */
record ChainStatus(@Nullable Instant verifiedAt, @Nullable String verifiedBy, boolean intact, long checked,
		@Nullable String problem, long size) {

	static final String VERIFY_ACTION = "audit.verify";

	static ChainStatus of(AuditLog log) {
		long size = log.size();
		List<AuditRow> last = log.before(new AuditQuery(null, null, null, VERIFY_ACTION, null, null, null),
				Long.MAX_VALUE, 1);
		if (last.isEmpty()) {
			return new ChainStatus(null, null, false, 0, null, size);
		}
		AuditRow row = last.get(0);
		long checked = 0;
		String problem = null;
		for (AuditDetails.Entry entry : AuditDetails.entries(row.details())) {
			if (entry.key().equals("eventsChecked")) {
				checked = parse(entry.value());
			}
			else if (entry.key().equals("problem")) {
				problem = entry.value();
			}
		}
		boolean intact = AuditOutcome.SUCCESS.name().equals(row.outcome());
		return new ChainStatus(row.occurredAt(), row.actor(), intact, checked, intact ? null : problem, size);
	}

	/** Whether a verification was ever recorded. */
	public boolean verified() {
		return this.verifiedAt != null;
	}

	/**
	 * Events recorded after those the last verification checked (its own record among them): nothing vouches for
	 * them but the chain itself until the next verification.
	 */
	public long unverified() {
		return Math.max(0, this.size - this.checked);
	}

	private static long parse(String number) {
		try {
			return Long.parseLong(number);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
