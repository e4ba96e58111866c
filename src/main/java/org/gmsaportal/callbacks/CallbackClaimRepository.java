package org.gmsaportal.callbacks;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The callback poller's bookkeeping on {@code api_request}: which requests it still looks at
 * ({@link CallbackWatch}), and a lease per request so that of several portal instances sharing the database
 * only one works on a request's callbacks at a time. The lease is a conditional UPDATE, which H2 and PostgreSQL
 * both apply atomically to the row: of two instances claiming together, exactly one sees its update count 1.
 */
@Repository
class CallbackClaimRepository {

	private final JdbcClient jdbc;

	CallbackClaimRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Ids of the requests to look at: ACTIVE ones, and QUIET ones too on a sweep; oldest first. */
	List<String> watched(boolean sweep) {
		String watches = sweep ? "('ACTIVE', 'QUIET')" : "('ACTIVE')";
		return this.jdbc.sql("SELECT id FROM api_request WHERE callback_watch IN " + watches + " ORDER BY seq")
			.query(String.class).list();
	}

	/** Looks at the request on every poll again, because an action may have changed its status. */
	void wake(String id) {
		this.jdbc.sql("UPDATE api_request SET callback_watch = 'ACTIVE', callback_woken = TRUE WHERE id = ? "
				+ "AND callback_watch <> 'NONE'").param(id).update();
	}

	/**
	 * Looks on every poll again at the requests of a run that was acted on or ended: the run's own request, and
	 * for a decommission run also the request whose deployment it removes.
	 */
	void wakeRun(String runId) {
		this.jdbc.sql("UPDATE api_request SET callback_watch = 'ACTIVE', callback_woken = TRUE "
				+ "WHERE callback_watch IN ('ACTIVE', 'QUIET') AND (run_id = ? "
				+ "OR id IN (SELECT source_request_id FROM api_request WHERE run_id = ?))").params(runId, runId).update();
	}

	/**
	 * Sets how often the request is looked at after a poll; never for a request filed without a callback URL. A
	 * request woken since the poll took its lease stays ACTIVE: what woke it may have changed its status after the
	 * poll read it.
	 */
	void watch(String id, CallbackWatch watch) {
		this.jdbc.sql("UPDATE api_request SET callback_watch = ? WHERE id = ? AND callback_watch NOT IN ('NONE', ?) "
				+ "AND (? = 'ACTIVE' OR callback_woken = FALSE)")
			.params(watch.name(), id, watch.name(), watch.name()).update();
	}

	/**
	 * Takes the request's lease until {@code until}, if nobody holds an unexpired one; true if taken. Taking it
	 * clears the request's wake-up: the poll reads the status only after this.
	 */
	boolean claim(String id, String claimant, Instant now, Instant until) {
		return this.jdbc.sql("UPDATE api_request SET callback_claimed_by = ?, callback_claimed_until = ?, "
				+ "callback_woken = FALSE WHERE id = ? AND (callback_claimed_until IS NULL OR callback_claimed_until < ?)")
			.params(claimant, utc(until), id, utc(now)).update() == 1;
	}

	/** Gives the lease back, if this claimant still holds it. */
	void release(String id, String claimant) {
		this.jdbc.sql("UPDATE api_request SET callback_claimed_by = NULL, callback_claimed_until = NULL "
				+ "WHERE id = ? AND callback_claimed_by = ?").params(id, claimant).update();
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
