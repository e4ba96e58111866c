package org.gmsaportal.web.dashboards;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.gmsaportal.audit.AuditLog;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditPage;
import org.gmsaportal.audit.AuditQuery;
import org.gmsaportal.audit.AuditRow;
import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The audit trail at a glance, from a few counting queries; the chain itself is verified only on its own page,
 * since that walks every event.
 *
 * @param events how many events the trail holds
 * @param newest the newest event, or {@code null} if there is none
 * @param deniedSince the start of the window of {@link #denied}
 * @param denied how many events since {@code deniedSince} were refused (outcome DENIED)
 * @param deniedLink the audit list filtered to exactly those events
 * @param lastVerification the newest recorded chain verification, or {@code null} if none was recorded
 */
record AuditSummary(long events, @Nullable AuditRow newest, Instant deniedSince, long denied, String deniedLink,
		@Nullable AuditRow lastVerification) {

	static final Duration DENIED_WINDOW = Duration.ofHours(24);

	static AuditSummary of(AuditLog log, Instant now) {
		AuditPage all = log.search(AuditQuery.all(), 0, 1);
		// whole seconds, so that the link's filter (a local date-time in UTC) covers exactly the counted window
		Instant since = now.minus(DENIED_WINDOW).truncatedTo(ChronoUnit.SECONDS);
		long denied = log.search(new AuditQuery(since, null, null, null, AuditOutcome.DENIED, null, null), 0, 1).total();
		AuditPage verifications = log.search(new AuditQuery(null, null, null, "audit.verify", null, null, null), 0, 1);
		String link = UriComponentsBuilder.fromPath("/audit")
			.queryParam("outcome", AuditOutcome.DENIED.name())
			.queryParam("from", LocalDateTime.ofInstant(since, ZoneOffset.UTC).toString())
			.queryParam("tz", "UTC")
			.build()
			.toUriString();
		return new AuditSummary(all.total(), first(all.events()), since, denied, link, first(verifications.events()));
	}

	/** Whether the newest recorded verification found the chain intact (its outcome is SUCCESS). */
	public boolean lastVerificationIntact() {
		return this.lastVerification != null && AuditOutcome.SUCCESS.name().equals(this.lastVerification.outcome());
	}

	private static @Nullable AuditRow first(List<AuditRow> rows) {
		return rows.isEmpty() ? null : rows.get(0);
	}

}
