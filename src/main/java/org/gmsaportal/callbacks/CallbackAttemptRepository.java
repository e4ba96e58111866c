package org.gmsaportal.callbacks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes {@code api_callback}, the delivery log of status callbacks: one row per attempt.
 */
@Repository
public class CallbackAttemptRepository {

	private static final String COLUMNS = "id, seq, request_id, event_id, status, event_json, attempt, attempted_at, "
			+ "http_status, error, delivered_at, next_attempt_at, gave_up";

	private final JdbcClient jdbc;

	CallbackAttemptRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One delivery attempt.
	 *
	 * @param requestId the request whose status was sent
	 * @param eventId the event's id, the same on every retry of the event
	 * @param status the status the event carries
	 * @param eventJson the exact body sent
	 * @param attempt 1 for the first attempt of the event
	 * @param attemptedAt when it was attempted
	 * @param httpStatus the receiver's HTTP status, if it answered
	 * @param error why it failed, if it did (never the secret, the signature or the URL)
	 * @param deliveredAt when the receiver acknowledged it with a 2xx
	 * @param nextAttemptAt when it is retried, if it failed and is not given up
	 * @param gaveUp true if it failed and will not be retried
	 */
	public record Attempt(String requestId, String eventId, String status, String eventJson, int attempt,
			Instant attemptedAt, @Nullable Integer httpStatus, @Nullable String error, @Nullable Instant deliveredAt,
			@Nullable Instant nextAttemptAt, boolean gaveUp) {

		/** Failed and waiting for a retry. */
		boolean pending() {
			return this.deliveredAt == null && !this.gaveUp;
		}

	}

	void insert(Attempt a) {
		this.jdbc.sql("INSERT INTO api_callback (id, request_id, event_id, status, event_json, attempt, attempted_at, "
				+ "http_status, error, delivered_at, next_attempt_at, gave_up) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(UUID.randomUUID().toString(), a.requestId(), a.eventId(), a.status(), a.eventJson(), a.attempt(),
					utc(a.attemptedAt()), a.httpStatus(), a.error(), utc(a.deliveredAt()), utc(a.nextAttemptAt()),
					a.gaveUp())
			.update();
	}

	/** The newest attempt for the request, if any. */
	Optional<Attempt> latest(String requestId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM api_callback WHERE request_id = ? ORDER BY seq DESC LIMIT 1")
			.param(requestId).query(CallbackAttemptRepository::map).optional();
	}

	/** When the event was first attempted. */
	Optional<Instant> firstAttempt(String eventId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM api_callback WHERE event_id = ? ORDER BY seq LIMIT 1")
			.param(eventId).query(CallbackAttemptRepository::map).optional().map(Attempt::attemptedAt);
	}

	/** The request's delivery log, oldest first. */
	public List<Attempt> attempts(String requestId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM api_callback WHERE request_id = ? ORDER BY seq")
			.param(requestId).query(CallbackAttemptRepository::map).list();
	}

	private static Attempt map(ResultSet rs, int row) throws SQLException {
		int code = rs.getInt("http_status");
		Integer httpStatus = rs.wasNull() ? null : code;
		return new Attempt(rs.getString("request_id"), rs.getString("event_id"), rs.getString("status"),
				rs.getString("event_json"), rs.getInt("attempt"), java.util.Objects.requireNonNull(instant(rs, "attempted_at")),
				httpStatus, rs.getString("error"), instant(rs, "delivered_at"), instant(rs, "next_attempt_at"),
				rs.getBoolean("gave_up"));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

}
