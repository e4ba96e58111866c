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
 * <p>
 * A mutable bean rather than a record: when one field does not convert, the others stay bound and the
 * form is shown again with every value the user typed.
 */
public class AuditFilter {

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
	private @Nullable LocalDateTime from;

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
	private @Nullable LocalDateTime to;

	@Size(max = 200)
	private @Nullable String actor;

	@Size(max = 128)
	@Pattern(regexp = "[a-z0-9_.]*", message = "{audit.filter.action.pattern}")
	private @Nullable String action;

	private @Nullable AuditOutcome outcome;

	@Size(max = 200)
	private @Nullable String text;

	@Size(max = 128)
	private @Nullable String correlationId;

	@Size(max = 128)
	private @Nullable String ticket;

	@Size(max = 64)
	private @Nullable String tz;

	// keyset paging (issue 18): the page of events older than this sequence number, or newer than that one
	@Min(1)
	private @Nullable Long before;

	@Min(0)
	private @Nullable Long after;

	AuditQuery toQuery() {
		ZoneId zone = zone();
		return new AuditQuery(instant(this.from, zone), instant(this.to, zone), this.actor, this.action, this.outcome,
				this.text, this.correlationId, this.ticket, java.util.Set.of(), java.util.Set.of());
	}

	@AssertTrue(message = "{audit.filter.tz.valid}")
	public boolean isTzValid() {
		try {
			zone();
			return true;
		}
		catch (DateTimeException ex) {
			return false;
		}
	}

	@AssertTrue(message = "{audit.filter.range.valid}")
	public boolean isRangeValid() {
		return this.from == null || this.to == null || this.from.isBefore(this.to);
	}

	private ZoneId zone() {
		return (this.tz == null || this.tz.isBlank()) ? ZoneId.of("UTC") : ZoneId.of(this.tz);
	}

	private static @Nullable Instant instant(@Nullable LocalDateTime time, ZoneId zone) {
		return (time != null) ? time.atZone(zone).toInstant() : null;
	}

	public @Nullable LocalDateTime getFrom() {
		return this.from;
	}

	public void setFrom(@Nullable LocalDateTime from) {
		this.from = from;
	}

	public @Nullable LocalDateTime getTo() {
		return this.to;
	}

	public void setTo(@Nullable LocalDateTime to) {
		this.to = to;
	}

	public @Nullable String getActor() {
		return this.actor;
	}

	public void setActor(@Nullable String actor) {
		this.actor = actor;
	}

	public @Nullable String getAction() {
		return this.action;
	}

	public void setAction(@Nullable String action) {
		this.action = action;
	}

	public @Nullable AuditOutcome getOutcome() {
		return this.outcome;
	}

	public void setOutcome(@Nullable AuditOutcome outcome) {
		this.outcome = outcome;
	}

	public @Nullable String getText() {
		return this.text;
	}

	public void setText(@Nullable String text) {
		this.text = text;
	}

	public @Nullable String getCorrelationId() {
		return this.correlationId;
	}

	public void setCorrelationId(@Nullable String correlationId) {
		this.correlationId = correlationId;
	}

	public @Nullable String getTicket() {
		return this.ticket;
	}

	public void setTicket(@Nullable String ticket) {
		this.ticket = ticket;
	}

	public @Nullable String getTz() {
		return this.tz;
	}

	public void setTz(@Nullable String tz) {
		this.tz = tz;
	}

	public @Nullable Long getBefore() {
		return this.before;
	}

	public void setBefore(@Nullable Long before) {
		this.before = before;
	}

	public @Nullable Long getAfter() {
		return this.after;
	}

	public void setAfter(@Nullable Long after) {
		this.after = after;
	}

}
