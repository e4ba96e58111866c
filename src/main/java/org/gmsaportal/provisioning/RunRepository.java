package org.gmsaportal.provisioning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Runs, their steps and the name claims in the database; callers own the transactions.
 */
@Repository
class RunRepository implements ExistingObjects.Owners {

	static final String RUN_COLUMNS = "id, kind, state, domain, gmsa_name, plan_hash, approved_by, approval_reason, "
			+ "ticket_ref, decommissions, failure, created_at, updated_at";

	private final JdbcClient jdbc;

	private final Clock clock;

	RunRepository(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Inserts the claim; a second claim on the same name fails on the primary key, on any database. */
	void claim(String domain, String gmsaName, String runId) {
		this.jdbc.sql("INSERT INTO provisioning_claim (domain, gmsa_name, run_id, claimed_at) VALUES (?, ?, ?, ?)")
			.params(domain.toLowerCase(Locale.ROOT), gmsaName.toLowerCase(Locale.ROOT), runId, now())
			.update();
	}

	Optional<String> claimHolder(String domain, String gmsaName) {
		return this.jdbc.sql("SELECT run_id FROM provisioning_claim WHERE domain = ? AND gmsa_name = ?")
			.params(domain.toLowerCase(Locale.ROOT), gmsaName.toLowerCase(Locale.ROOT))
			.query(String.class)
			.optional();
	}

	void releaseClaim(String runId) {
		this.jdbc.sql("DELETE FROM provisioning_claim WHERE run_id = ?").param(runId).update();
	}

	/** A new run, RUNNING in its first attempt under {@code lease}; a second run with the same key fails. */
	void insertRun(RunLease lease, RunKind kind, Plan plan, Approval approval, @Nullable String decommissions,
			@Nullable String requestKey) {
		OffsetDateTime now = now();
		this.jdbc.sql("""
				INSERT INTO provisioning_run (id, kind, state, domain, gmsa_name, request_json, plan_hash, approved_by,
				    approved_at, approval_reason, ticket_ref, decommissions, created_at, updated_at, owner, attempt,
				    heartbeat_at, request_key, domain_key, name_key, destination_key)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(lease.runId(), kind.name(), RunState.RUNNING.name(), plan.domain(), plan.request().gmsaName(),
					Canonical.json(plan.request()), plan.hash(), approval.approvedBy(),
					OffsetDateTime.ofInstant(approval.approvedAt(), ZoneOffset.UTC), approval.reason(),
					plan.request().ticketRef(), decommissions, now, now, lease.owner(), lease.attempt(), now, requestKey)
			.params(ProvisionedRuns.keys(plan.domain(), plan.request().gmsaName(), plan.request().target()))
			.update();
	}

	/** The run started with this request key, if any. */
	Optional<String> runForKey(String requestKey) {
		return this.jdbc.sql("SELECT id FROM provisioning_run WHERE request_key = ?")
			.param(requestKey)
			.query(String.class)
			.optional();
	}

	/**
	 * Moves a failed, interrupted or needing attention run back to RUNNING as a new attempt held by {@code owner};
	 * from then on the earlier attempt's writes are refused.
	 * @return the new attempt's lease, or empty if the run was not in one of those states
	 */
	Optional<RunLease> resume(String runId, String owner) {
		OffsetDateTime now = now();
		int moved = this.jdbc.sql("""
				UPDATE provisioning_run SET state = ?, owner = ?, attempt = attempt + 1, heartbeat_at = ?, updated_at = ?,
				    failure = NULL WHERE id = ? AND state IN (?, ?, ?)""")
			.params(RunState.RUNNING.name(), owner, now, now, runId, RunState.FAILED.name(), RunState.INTERRUPTED.name(),
					RunState.NEEDS_ATTENTION.name())
			.update();
		if (moved != 1) {
			return Optional.empty();
		}
		int attempt = this.jdbc.sql("SELECT attempt FROM provisioning_run WHERE id = ?").param(runId)
			.query(Integer.class).single();
		return Optional.of(new RunLease(runId, owner, attempt));
	}

	void insertStep(String runId, PlannedStep step, @Nullable String input) {
		this.jdbc.sql("""
				INSERT INTO provisioning_step (run_id, idx, kind, target, intent, description, input, state, attempts)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)""")
			.params(runId, step.index(), step.kind().name(), step.target(), step.intent().name(), step.description(),
					input, StepState.PENDING.name())
			.update();
	}

	Optional<RunView> find(String runId) {
		// The run row first, its steps after: a step's end and the run's end commit together, so a reader
		// may see the steps a moment ahead of the run, never a finished run with a step still running.
		Optional<RunView> run = this.jdbc.sql("SELECT " + RUN_COLUMNS + " FROM provisioning_run WHERE id = ?")
			.param(runId)
			.query((rs, n) -> run(rs, List.of()))
			.optional();
		return run.map((found) -> found.withSteps(steps(runId)));
	}

	/** Newest first, without their steps. */
	List<RunView> list(RunFilter filter, int limit) {
		List<String> conditions = new java.util.ArrayList<>(List.of("1 = 1"));
		List<Object> params = new java.util.ArrayList<>();
		if (filter.state() != null) {
			conditions.add("state = ?");
			params.add(filter.state().name());
		}
		if (filter.gmsaName() != null && !filter.gmsaName().isBlank()) {
			conditions.add("LOWER(gmsa_name) LIKE ?");
			params.add("%" + filter.gmsaName().toLowerCase(Locale.ROOT) + "%");
		}
		if (filter.ticketRef() != null && !filter.ticketRef().isBlank()) {
			conditions.add("ticket_ref = ?");
			params.add(filter.ticketRef());
		}
		params.add(limit);
		return this.jdbc.sql("SELECT " + RUN_COLUMNS + " FROM provisioning_run WHERE " + String.join(" AND ", conditions)
				+ " ORDER BY created_at DESC, id FETCH FIRST ? ROWS ONLY")
			.params(params)
			.query((rs, n) -> run(rs, List.of()))
			.list();
	}

	/**
	 * The newest provisioning run that holds the gMSA name in the domain: one that is running, failed,
	 * interrupted or needing attention (it holds the name claim), or succeeded and not decommissioned (what it
	 * made is still the portal's).
	 */
	@Override
	public Optional<RunView> owner(String domain, String gmsaName) {
		return this.jdbc.sql("SELECT " + RUN_COLUMNS + " FROM provisioning_run WHERE kind = ? AND LOWER(domain) = ? "
				+ "AND LOWER(gmsa_name) = ? AND state IN (?, ?, ?, ?, ?) ORDER BY created_at DESC, id "
				+ "FETCH FIRST 1 ROWS ONLY")
			.params(RunKind.PROVISION.name(), domain.toLowerCase(Locale.ROOT), gmsaName.toLowerCase(Locale.ROOT),
					RunState.SUCCEEDED.name(), RunState.RUNNING.name(), RunState.FAILED.name(),
					RunState.INTERRUPTED.name(), RunState.NEEDS_ATTENTION.name())
			.query((rs, n) -> run(rs, List.of()))
			.optional();
	}

	/** Failed, interrupted and needing attention runs, the latest to stop first, at most {@code limit}, no steps. */
	List<RunView> stopped(int limit) {
		return this.jdbc.sql("SELECT " + RUN_COLUMNS + " FROM provisioning_run WHERE state IN (?, ?, ?) "
				+ "ORDER BY updated_at DESC, id FETCH FIRST ? ROWS ONLY")
			.params(RunState.FAILED.name(), RunState.INTERRUPTED.name(), RunState.NEEDS_ATTENTION.name(), limit)
			.query((rs, n) -> run(rs, List.of()))
			.list();
	}

	/** Every succeeded provisioning run that no decommission removed, newest first, with the request it ran. */
	List<Provisioned> provisioned() {
		// Only a run whose gMSA step created the gMSA: a run that found it already there (possible before a second
		// request for a name was refused) made nothing, and crediting it would hide the run and ticket that did.
		// Whether the run also created the group tells the inventory if members beyond the run's hosts are drift.
		return this.jdbc.sql("SELECT " + RUN_COLUMNS + ", request_json, CASE WHEN EXISTS (SELECT 1 FROM "
				+ "provisioning_step g WHERE g.run_id = r.id AND g.kind = ? AND g.result = ?) THEN 1 ELSE 0 END "
				+ "AS group_created FROM provisioning_run r "
				+ "WHERE kind = ? AND state = ? AND EXISTS (SELECT 1 FROM provisioning_step s "
				+ "WHERE s.run_id = r.id AND s.kind = ? AND s.result = ?) ORDER BY created_at DESC, id")
			.params(StepKind.ENSURE_GROUP.name(), "CREATED", RunKind.PROVISION.name(), RunState.SUCCEEDED.name(),
					StepKind.ENSURE_GMSA.name(), "CREATED")
			.query((rs, n) -> new Provisioned(run(rs, List.of()), Canonical.request(rs.getString("request_json")),
					rs.getInt("group_created") == 1))
			.list();
	}

	/** How many runs are in each state; a state no run is in is absent. */
	Map<RunState, Long> countByState() {
		Map<RunState, Long> counts = new EnumMap<>(RunState.class);
		this.jdbc.sql("SELECT state, COUNT(*) AS n FROM provisioning_run GROUP BY state")
			.query((rs, n) -> Map.entry(RunState.valueOf(rs.getString("state")), rs.getLong("n")))
			.list()
			.forEach((count) -> counts.put(count.getKey(), count.getValue()));
		return counts;
	}

	/**
	 * How many runs started in each of {@code weeks} weeks from {@code start}, by state: one query, counted in SQL
	 * (week 0 is the oldest). The week is chosen by comparisons rather than a date function, which the two
	 * databases spell differently.
	 */
	Map<Integer, Map<RunState, Long>> countByWeek(Instant start, int weeks) {
		StringBuilder week = new StringBuilder("CASE");
		List<Object> params = new java.util.ArrayList<>();
		for (int w = weeks - 1; w >= 0; w--) {
			week.append(" WHEN created_at >= ? THEN ").append(w);
			params.add(OffsetDateTime.ofInstant(start.plus(java.time.Duration.ofDays(7L * w)), ZoneOffset.UTC));
		}
		week.append(" END");
		params.add(OffsetDateTime.ofInstant(start, ZoneOffset.UTC));
		params.add(OffsetDateTime.ofInstant(start.plus(java.time.Duration.ofDays(7L * weeks)), ZoneOffset.UTC));
		Map<Integer, Map<RunState, Long>> counts = new java.util.TreeMap<>();
		this.jdbc.sql("SELECT w, state, COUNT(*) AS n FROM (SELECT " + week + " AS w, state FROM provisioning_run "
				+ "WHERE created_at >= ? AND created_at < ?) t GROUP BY w, state")
			.params(params)
			.query((rs, n) -> {
				counts.computeIfAbsent(rs.getInt("w"), (k) -> new EnumMap<>(RunState.class))
					.put(RunState.valueOf(rs.getString("state")), rs.getLong("n"));
				return n;
			})
			.list();
		return counts;
	}

	/**
	 * A provisioning run with the request it executed.
	 *
	 * @param run the run, without its steps
	 * @param request what it was asked to provision
	 * @param groupCreated whether the run created the group of allowed hosts (rather than using an existing one)
	 */
	record Provisioned(RunView run, ProvisioningRequest request, boolean groupCreated) {
	}

	ProvisioningRequest request(String runId) {
		return Canonical.request(this.jdbc.sql("SELECT request_json FROM provisioning_run WHERE id = ?")
			.param(runId)
			.query(String.class)
			.single());
	}

	List<RunView.StepView> steps(String runId) {
		return this.jdbc.sql("""
				SELECT idx, kind, target, intent, description, state, result, detail, artifact, attempts,
				ldap_reads, ldap_writes, ldap_binds, ldap_ms, step_ms
				FROM provisioning_step WHERE run_id = ? ORDER BY idx""")
			.param(runId)
			.query((rs, n) -> new RunView.StepView(rs.getInt("idx"), StepKind.valueOf(rs.getString("kind")),
					rs.getString("target"), StepIntent.valueOf(rs.getString("intent")), rs.getString("description"),
					StepState.valueOf(rs.getString("state")), rs.getString("result"), rs.getString("detail"),
					rs.getString("artifact"), rs.getInt("attempts"), budget(rs)))
			.list();
	}

	@Nullable String stepInput(String runId, int index) {
		return this.jdbc.sql("SELECT input FROM provisioning_step WHERE run_id = ? AND idx = ?")
			.params(runId, index)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	/**
	 * Moves a run that no instance executes from one of the given states to another; false if it was in none of
	 * them. A RUNNING run changes only through {@link RunAttemptRepository}, under its lease.
	 */
	boolean transition(String runId, List<RunState> from, RunState to, @Nullable String failure) {
		String placeholders = String.join(", ", from.stream().map((s) -> "?").toList());
		List<Object> params = new java.util.ArrayList<>(List.of(to.name(), now()));
		params.add(failure == null ? "" : failure);
		params.add(runId);
		from.forEach((s) -> params.add(s.name()));
		return this.jdbc.sql("UPDATE provisioning_run SET state = ?, updated_at = ?, failure = NULLIF(?, '') "
				+ "WHERE id = ? AND state IN (" + placeholders + ")").params(params).update() == 1;
	}

	private static RunView.@Nullable Budget budget(ResultSet rs) throws SQLException {
		int reads = rs.getInt("ldap_reads");
		return rs.wasNull() ? null : new RunView.Budget(reads, rs.getInt("ldap_writes"), rs.getInt("ldap_binds"),
				rs.getLong("ldap_ms"), rs.getLong("step_ms"));
	}

	static RunView run(ResultSet rs, List<RunView.StepView> steps) throws SQLException {
		return new RunView(rs.getString("id"), RunKind.valueOf(rs.getString("kind")),
				RunState.valueOf(rs.getString("state")), rs.getString("domain"), rs.getString("gmsa_name"),
				rs.getString("plan_hash"), rs.getString("approved_by"), rs.getString("approval_reason"),
				rs.getString("ticket_ref"),
				rs.getString("decommissions"), rs.getString("failure"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant(), steps);
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

}
