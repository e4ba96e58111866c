package org.gmsaportal.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditQuery;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The audit log's filter form. Times are typed in the viewer's zone ({@code tz}, set by the page's
 * script) and converted to UTC instants for the query.
 *
 * @param from events at or after this local time
 * @param to events before this local time
 * @param actor actor contains
 * @param action action starts with
 * @param outcome outcome is
 * @param text free text contained in target, details, actor or action
 * @param correlationId correlation id equals
 * @param tz the viewer's IANA time zone
 * @param page zero-based page
 */
record AuditFilter(@DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable LocalDateTime from,
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable LocalDateTime to,
		@Size(max = 200) @Nullable String actor,
		@Size(max = 128) @Pattern(regexp = "[a-z0-9_.]*", message = "{audit.filter.action.pattern}") @Nullable String action,
		@Nullable AuditOutcome outcome, @Size(max = 200) @Nullable String text,
		@Size(max = 128) @Nullable String correlationId, @Size(max = 64) @Nullable String tz,
		@Min(0) @Nullable Integer page) {

	AuditQuery toQuery() {
		ZoneId zone = zone();
		return new AuditQuery(instant(this.from, zone), instant(this.to, zone), this.actor, this.action, this.outcome,
				this.text, this.correlationId);
	}

	int pageOrFirst() {
		return (this.page != null) ? this.page : 0;
	}

	@AssertTrue(message = "{audit.filter.tz.valid}")
	boolean isTzValid() {
		try {
			zone();
			return true;
		}
		catch (DateTimeException ex) {
			return false;
		}
	}

	@AssertTrue(message = "{audit.filter.range.valid}")
	boolean isRangeValid() {
		return this.from == null || this.to == null || this.from.isBefore(this.to);
	}

	private ZoneId zone() {
		return (this.tz == null || this.tz.isBlank()) ? ZoneId.of("UTC") : ZoneId.of(this.tz);
	}

	private static @Nullable Instant instant(@Nullable LocalDateTime time, ZoneId zone) {
		return (time != null) ? time.atZone(zone).toInstant() : null;
	}

}
