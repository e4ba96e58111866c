package org.gmsaportal.provisioning;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the rotations of portable identities need from the run tables: a rotation run is a run of kind ROTATION
 * whose {@code decommissions} column names the provisioning run it rotates (the column links a run to the run it
 * acts on, for both kinds).
 */
@Repository
class RotationRepository {

	private static final List<String> OPEN = List.of(RunState.RUNNING.name(), RunState.FAILED.name(),
			RunState.INTERRUPTED.name(), RunState.NEEDS_ATTENTION.name());

	private static final String ROTATABLE = "SELECT id, domain, gmsa_name, updated_at, created_at FROM provisioning_run r "
			+ "WHERE kind = ? AND state = ? AND EXISTS (SELECT 1 FROM provisioning_step s WHERE s.run_id = r.id "
			+ "AND s.kind = ? AND s.state = ?)";

	private final JdbcClient jdbc;

	RotationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A rotation of the source run that has not ended: running, failed, interrupted or needing attention.
	 *
	 * @param id the rotation run
	 * @param state where it stands
	 */
	record Open(String id, RunState state) {
	}

	Optional<Open> open(String sourceRunId) {
		return this.jdbc.sql("SELECT id, state FROM provisioning_run WHERE kind = ? AND decommissions = ? "
				+ "AND state IN (?, ?, ?, ?) ORDER BY created_at DESC, id FETCH FIRST 1 ROWS ONLY")
			.params(RunKind.ROTATION.name(), sourceRunId, OPEN.get(0), OPEN.get(1), OPEN.get(2), OPEN.get(3))
			.query((rs, n) -> new Open(rs.getString("id"), RunState.valueOf(rs.getString("state"))))
			.optional();
	}

	/** When the last rotation of the source run succeeded, if one did. */
	Optional<Instant> lastRotated(String sourceRunId) {
		return this.jdbc.sql("SELECT MAX(updated_at) FROM provisioning_run WHERE kind = ? AND decommissions = ? "
				+ "AND state = ?")
			.params(RunKind.ROTATION.name(), sourceRunId, RunState.SUCCEEDED.name())
			.query((rs, n) -> rs.getObject(1, OffsetDateTime.class))
			.optional()
			.map(OffsetDateTime::toInstant);
	}

	/**
	 * A succeeded provisioning run that wrote its portable identity to a secret store, and whose rotations follow.
	 *
	 * @param runId the provisioning run
	 * @param domain its domain
	 * @param gmsaName its gMSA
	 * @param written when it wrote the secret (its run's end)
	 */
	record Rotatable(String runId, String domain, String gmsaName, Instant written) {
	}

	/**
	 * Every succeeded provisioning run whose store step wrote the secret, oldest first, at most {@code limit},
	 * each with when its last rotation succeeded (null: never), in one query: a
	 * rotation's {@code decommissions} names its source run, so each source's rotations are one index read.
	 */
	List<Map.Entry<Rotatable, Optional<Instant>>> rotatableWithLastRotation(int limit) {
		return this.jdbc.sql("SELECT id, domain, gmsa_name, updated_at, (SELECT MAX(x.updated_at) FROM provisioning_run x "
				+ "WHERE x.kind = ? AND x.decommissions = r.id AND x.state = ?) AS last_rotated FROM ("
				+ ROTATABLE + " ORDER BY created_at, id FETCH FIRST ? ROWS ONLY) r ORDER BY created_at, id")
			.params(RunKind.ROTATION.name(), RunState.SUCCEEDED.name(), RunKind.PROVISION.name(),
					RunState.SUCCEEDED.name(), StepKind.WRITE_PORTABLE_SECRET.name(), StepState.SUCCEEDED.name(), limit)
			.query((rs, n) -> Map.entry(rotatable(rs, n),
					Optional.ofNullable(rs.getObject("last_rotated", OffsetDateTime.class)).map(OffsetDateTime::toInstant)))
			.list();
	}

	/** The run, if it is a succeeded provisioning run whose store step wrote the secret. */
	Optional<Rotatable> rotatable(String runId) {
		return this.jdbc.sql(ROTATABLE + " AND id = ?")
			.params(RunKind.PROVISION.name(), RunState.SUCCEEDED.name(), StepKind.WRITE_PORTABLE_SECRET.name(),
					StepState.SUCCEEDED.name(), runId)
			.query(RotationRepository::rotatable)
			.optional();
	}

	private static Rotatable rotatable(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Rotatable(rs.getString("id"), rs.getString("domain"), rs.getString("gmsa_name"),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

}
