package org.gmsaportal.web.dashboards;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.gmsaportal.audit.AuditLog;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditQuery;
import org.gmsaportal.audit.AuditRow;
import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The audit trail at a glance, from reads that do not grow with the trail: its length from the chain head, the
 * newest events by the primary key, the refusals counted up to {@link #DENIED_CAP}. The chain itself is verified only
 * on its own page, since that walks every event.
 *
 * @param events how many events the trail holds
 * @param newest the newest event, or {@code null} if there is none
 * @param deniedSince the start of the window of {@link #denied}
 * @param denied how many events since {@code deniedSince} were refused (outcome DENIED), at most
 * {@link #DENIED_CAP} + 1
 * @param deniedLink the audit list filtered to exactly those events
 * @param lastVerification the newest recorded chain verification, or {@code null} if none was recorded
 */
record AuditSummary(long events, @Nullable AuditRow newest, Instant deniedSince, long denied, String deniedLink,
		@Nullable AuditRow lastVerification) {

	static final Duration DENIED_WINDOW = Duration.ofHours(24);

	static final long DENIED_CAP = 1000;

	static AuditSummary of(AuditLog log, Instant now) {
		// whole seconds, so that the link's filter (a local date-time in UTC) covers exactly the counted window
		Instant since = now.minus(DENIED_WINDOW).truncatedTo(ChronoUnit.SECONDS);
		long denied = log.countUpTo(new AuditQuery(since, null, null, null, AuditOutcome.DENIED, null, null),
				DENIED_CAP);
		List<AuditRow> verifications = log.before(new AuditQuery(null, null, null, "audit.verify", null, null, null),
				Long.MAX_VALUE, 1);
		String link = UriComponentsBuilder.fromPath("/audit")
			.queryParam("outcome", AuditOutcome.DENIED.name())
			.queryParam("from", LocalDateTime.ofInstant(since, ZoneOffset.UTC).toString())
			.queryParam("tz", "UTC")
			.build()
			.toUriString();
		return new AuditSummary(log.size(), first(log.before(AuditQuery.all(), Long.MAX_VALUE, 1)), since, denied,
				link, first(verifications));
	}

	/** How far the refusals are counted. */
	public long deniedCap() {
		return DENIED_CAP;
	}

	/** Whether more refusals were recorded than were counted. */
	public boolean deniedMore() {
		return this.denied > DENIED_CAP;
	}

	/** Whether the newest recorded verification found the chain intact (its outcome is SUCCESS). */
	public boolean lastVerificationIntact() {
		return this.lastVerification != null && AuditOutcome.SUCCESS.name().equals(this.lastVerification.outcome());
	}

	private static @Nullable AuditRow first(List<AuditRow> rows) {
		return rows.isEmpty() ? null : rows.get(0);
	}

}
