package org.gmsaportal.provisioning;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The writes of a running attempt, each made only while the attempt still holds its run (same owner, same attempt,
 * still RUNNING), so that an instance that lost the run cannot overwrite a newer attempt; and the interruption of
 * attempts whose instance stopped. Callers own the transactions and call {@link #hold} first in each: it locks the
 * run's row, so a recovery or a resume on another instance waits for the transaction, then sees its outcome.
 */
@Repository
class RunAttemptRepository {

	private static final String HELD = "EXISTS (SELECT 1 FROM provisioning_run r WHERE r.id = ? AND r.owner = ? "
			+ "AND r.attempt = ? AND r.state = 'RUNNING')";

	private final JdbcClient jdbc;

	private final Clock clock;

	RunAttemptRepository(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The directory object a create step was about to write, recorded before the write.
	 *
	 * @param distinguishedName the object's DN
	 * @param at when the intent was recorded, by the DC's clock
	 */
	record Intended(String distinguishedName, Instant at) {
	}

	/** Renews the heartbeat, locking the run's row; false if the attempt no longer holds the run. */
	boolean hold(RunLease lease, Instant now) {
		return this.jdbc.sql("UPDATE provisioning_run SET heartbeat_at = ? WHERE id = ? AND owner = ? AND attempt = ? "
				+ "AND state = 'RUNNING'")
			.params(utc(now), lease.runId(), lease.owner(), lease.attempt())
			.update() == 1;
	}

	boolean stepStarted(RunLease lease, int index) {
		return this.jdbc.sql("UPDATE provisioning_step SET state = ?, attempts = attempts + 1, started_at = ?, "
				+ "finished_at = NULL, detail = NULL, ldap_reads = NULL WHERE run_id = ? AND idx = ? AND " + HELD)
			.params(StepState.RUNNING.name(), now(), lease.runId(), index, lease.runId(), lease.owner(), lease.attempt())
			.update() == 1;
	}

	/**
	 * Records what the step is about to create, at {@code at} by the DC's clock; an intent an earlier attempt
	 * recorded is kept as it is.
	 */
	boolean intend(RunLease lease, int index, String distinguishedName, Instant at) {
		return this.jdbc.sql("UPDATE provisioning_step SET intended_dn = ?, intended_at = ? WHERE run_id = ? AND idx = ? "
				+ "AND intended_dn IS NULL AND " + HELD)
			.params(distinguishedName, utc(at), lease.runId(), index, lease.runId(), lease.owner(), lease.attempt())
			.update() == 1;
	}

	Optional<Intended> intended(String runId, int index) {
		return this.jdbc.sql("SELECT intended_dn, intended_at FROM provisioning_step WHERE run_id = ? AND idx = ? "
				+ "AND intended_dn IS NOT NULL")
			.params(runId, index)
			.query((rs, n) -> new Intended(rs.getString("intended_dn"),
					rs.getObject("intended_at", OffsetDateTime.class).toInstant()))
			.optional();
	}

	/**
	 * Whether another run recorded creating the object at this DN, having announced it at or after {@code since}:
	 * a group or user name is not claimed like a gMSA name, so two runs may both have meant to create it.
	 */
	boolean createdByAnotherRun(String runId, String distinguishedName, Instant since) {
		return this.jdbc.sql("SELECT COUNT(*) FROM provisioning_step WHERE run_id <> ? AND LOWER(intended_dn) = LOWER(?) "
				+ "AND intended_at >= ? AND result = 'CREATED'")
			.params(runId, distinguishedName, utc(since))
			.query(Long.class)
			.single() > 0;
	}

	boolean stepFinished(RunLease lease, int index, StepState state, @Nullable String result, String detail,
			@Nullable String artifact) {
		return stepFinished(lease, index, state, result, detail, artifact, null);
	}

	/** As above, with what the step cost ({@code null}: not measured). */
	boolean stepFinished(RunLease lease, int index, StepState state, @Nullable String result, String detail,
			@Nullable String artifact, RunView.@Nullable Budget budget) {
		return this.jdbc.sql("UPDATE provisioning_step SET state = ?, result = ?, detail = ?, artifact = ?, "
				+ "finished_at = ?, ldap_reads = ?, ldap_writes = ?, ldap_binds = ?, ldap_ms = ?, step_ms = ? "
				+ "WHERE run_id = ? AND idx = ? AND " + HELD)
			.params(state.name(), result, detail, artifact, now(), (budget != null) ? budget.ldapReads() : null,
					(budget != null) ? budget.ldapWrites() : null, (budget != null) ? budget.ldapBinds() : null,
					(budget != null) ? (int) budget.ldapMillis() : null, (budget != null) ? (int) budget.millis() : null,
					lease.runId(), index, lease.runId(), lease.owner(), lease.attempt())
			.update() == 1;
	}

	/** Ends the attempt: SUCCEEDED or FAILED; false if it no longer held the run. */
	boolean finish(RunLease lease, RunState to, @Nullable String failure) {
		return this.jdbc.sql("UPDATE provisioning_run SET state = ?, failure = ?, updated_at = ? WHERE id = ? "
				+ "AND owner = ? AND attempt = ? AND state = 'RUNNING'")
			.params(to.name(), failure, now(), lease.runId(), lease.owner(), lease.attempt())
			.update() == 1;
	}

	/** RUNNING attempts whose heartbeat is older than {@code before}, or that never had one (older portals). */
	List<RunLease> stale(Instant before) {
		return this.jdbc.sql("SELECT id, owner, attempt FROM provisioning_run WHERE state = 'RUNNING' "
				+ "AND (heartbeat_at IS NULL OR heartbeat_at < ?) ORDER BY created_at")
			.param(utc(before))
			.query((rs, n) -> new RunLease(rs.getString("id"),
					(rs.getString("owner") != null) ? rs.getString("owner") : "unknown, started before heartbeats",
					rs.getInt("attempt")))
			.list();
	}

	/** Marks the attempt interrupted if its heartbeat is still older than {@code before}: no live instance holds it. */
	boolean interruptStale(RunLease lease, Instant before, String failure) {
		return this.jdbc.sql("UPDATE provisioning_run SET state = ?, failure = ?, updated_at = ? WHERE id = ? "
				+ "AND attempt = ? AND state = 'RUNNING' AND (heartbeat_at IS NULL OR heartbeat_at < ?)")
			.params(RunState.INTERRUPTED.name(), failure, now(), lease.runId(), lease.attempt(), utc(before))
			.update() == 1;
	}

	/** Marks the attempt interrupted by its own instance (shutting down, or unable to record its state). */
	boolean interruptOwn(RunLease lease, String failure) {
		return finish(lease, RunState.INTERRUPTED, failure);
	}

	/** After an interruption, in its transaction: the steps that were running failed with {@code detail}. */
	void failRunningSteps(String runId, String detail) {
		this.jdbc.sql("UPDATE provisioning_step SET state = ?, detail = ?, finished_at = ? WHERE run_id = ? AND state = ?")
			.params(StepState.FAILED.name(), detail, now(), runId, StepState.RUNNING.name())
			.update();
	}

	private OffsetDateTime now() {
		return utc(this.clock.instant());
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
