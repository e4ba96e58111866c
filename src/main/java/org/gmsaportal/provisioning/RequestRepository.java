package org.gmsaportal.provisioning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes {@code api_request}; state changes are conditional on the state they leave, so two
 * approvals of one request cannot both pass.
 */
@Repository
class RequestRepository {

	private static final String COLUMNS = "id, seq, client_id, idempotency_key, body_sha256, kind, source_request_id, "
			+ "status, plan_hash, plan_json, request_json, ticket_key, run_id, response_status, response_json, "
			+ "created_at, updated_at, decided_by, decided_at, decision_reason, engine_request_json";

	private static final String PREFIXED_COLUMNS = java.util.Arrays.stream(COLUMNS.split(", "))
		.map(column -> "r." + column)
		.collect(java.util.stream.Collectors.joining(", "));

	private final JdbcClient jdbc;

	RequestRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Stores a new request; the callback poller watches it if its filing names a callback URL. */
	void insert(FiledRequest row) {
		// the same test the callback poller applied before it kept a watch column: the key in the parsed body
		String watch = row.requestJson().contains("\"callbackUrl\"") ? "ACTIVE" : "NONE";
		this.jdbc.sql("INSERT INTO api_request (id, client_id, idempotency_key, body_sha256, kind, source_request_id, "
				+ "status, plan_hash, plan_json, request_json, ticket_key, run_id, response_status, response_json, "
				+ "created_at, updated_at, callback_watch, engine_request_json) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(row.id(), row.clientId(), row.idempotencyKey(), row.bodySha256(), row.kind().name(),
					row.sourceRequestId(), row.status().name(), row.planHash(), row.planJson(), row.requestJson(),
					row.ticketKey(), row.runId(), row.responseStatus(), row.responseJson(), utc(row.createdAt()),
					utc(row.updatedAt()), watch, row.engineRequestJson())
			.update();
	}

	Optional<FiledRequest> find(String id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM api_request WHERE id = ?").param(id)
			.query(RequestRepository::map).optional();
	}

	Optional<FiledRequest> findByKey(String clientId, String key) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM api_request WHERE client_id = ? AND idempotency_key = ?")
			.params(clientId, key).query(RequestRepository::map).optional();
	}

	/**
	 * Rows after the cursor, oldest first; only the client's own unless {@code clientId} is null, and only those in
	 * {@code status} (as {@link RequestStatus#of} decides it, the run's state once there is a run) unless it is null.
	 * The filter is SQL, so a page reads its own rows and not the table (index {@code api_request_status_seq}).
	 */
	List<FiledRequest> after(@Nullable String clientId, @Nullable String ticketKey, @Nullable RequestStatus status,
			long cursor, int limit) {
		StringBuilder sql = new StringBuilder("SELECT " + PREFIXED_COLUMNS + " FROM api_request r WHERE r.seq > ?");
		List<Object> params = new java.util.ArrayList<>(List.of(cursor));
		if (clientId != null) {
			sql.append(" AND r.client_id = ?");
			params.add(clientId);
		}
		if (ticketKey != null) {
			sql.append(" AND r.ticket_key = ?");
			params.add(ticketKey);
		}
		if (status != null) {
			// Without a run, the stored status; with one, the states of the run that show as this status.
			sql.append(" AND ((r.status = ? AND NOT EXISTS (SELECT 1 FROM provisioning_run p WHERE p.id = r.run_id))");
			params.add(status.name());
			List<String> states = java.util.Arrays.stream(RunState.values())
				.filter(state -> RequestStatus.of(state) == status)
				.map(Enum::name)
				.toList();
			if (!states.isEmpty()) {
				sql.append(" OR EXISTS (SELECT 1 FROM provisioning_run p WHERE p.id = r.run_id AND p.state IN (")
					.append(String.join(", ", java.util.Collections.nCopies(states.size(), "?"))).append("))");
				params.addAll(states);
			}
			sql.append(')');
		}
		sql.append(" ORDER BY r.seq LIMIT ").append(limit);
		return this.jdbc.sql(sql.toString()).params(params).query(RequestRepository::map).list();
	}

	/** Rows before the cursor (0: from the newest), newest first; optionally of one ticket. */
	List<FiledRequest> before(@Nullable String ticketKey, long cursor, int limit) {
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM api_request WHERE seq < ?");
		List<Object> params = new java.util.ArrayList<>(List.of((cursor > 0) ? cursor : Long.MAX_VALUE));
		if (ticketKey != null) {
			sql.append(" AND ticket_key = ?");
			params.add(ticketKey);
		}
		sql.append(" ORDER BY seq DESC LIMIT ").append(limit);
		return this.jdbc.sql(sql.toString()).params(params).query(RequestRepository::map).list();
	}

	/**
	 * How many requests wait for a decision, and since when the oldest of them waits. A request with a run shows
	 * its run's status instead (see {@link RequestStatus#of}), so only those without one count.
	 */
	PendingRequests pending() {
		return this.jdbc.sql("SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM api_request WHERE status = ? "
				+ "AND run_id IS NULL")
			.param(RequestStatus.PENDING_APPROVAL.name())
			.query((rs, n) -> {
				OffsetDateTime oldest = rs.getObject("oldest", OffsetDateTime.class);
				return new PendingRequests(rs.getLong("n"), (oldest != null) ? oldest.toInstant() : null);
			})
			.single();
	}

	/** Moves the request from one stored status to another; false if it was not in {@code from}. */
	boolean transition(String id, RequestStatus from, RequestStatus to, @Nullable String runId, Instant now) {
		return this.jdbc.sql("UPDATE api_request SET status = ?, run_id = COALESCE(?, run_id), updated_at = ? "
				+ "WHERE id = ? AND status = ?")
			.params(to.name(), runId, utc(now), id, from.name()).update() == 1;
	}

	/** Records an approval or a rejection, moving the request out of {@code from}; false if it was not there. */
	boolean decide(String id, RequestStatus from, RequestStatus to, String by, @Nullable String reason, Instant now) {
		return this.jdbc.sql("UPDATE api_request SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ?, "
				+ "updated_at = ? WHERE id = ? AND status = ?")
			.params(to.name(), by, utc(now), reason, utc(now), id, from.name()).update() == 1;
	}

	/** Puts an approved request whose run could not start back to pending, forgetting the approval. */
	boolean reopen(String id, Instant now) {
		return this.jdbc.sql("UPDATE api_request SET status = ?, decided_by = NULL, decided_at = NULL, "
				+ "decision_reason = NULL, updated_at = ? WHERE id = ? AND status = ?")
			.params(RequestStatus.PENDING_APPROVAL.name(), utc(now), id, RequestStatus.APPROVED.name()).update() == 1;
	}

	/** Replaces the plan awaiting approval, after a re-plan found it changed. */
	void replan(String id, String planHash, String planJson, Instant now) {
		this.jdbc.sql("UPDATE api_request SET plan_hash = ?, plan_json = ?, updated_at = ? WHERE id = ?")
			.params(planHash, planJson, utc(now), id).update();
	}

	void respond(String id, int status, String json) {
		this.jdbc.sql("UPDATE api_request SET response_status = ?, response_json = ? WHERE id = ?")
			.params(status, json, id).update();
	}


	private static FiledRequest map(ResultSet rs, int row) throws SQLException {
		int status = rs.getInt("response_status");
		Integer responseStatus = rs.wasNull() ? null : status;
		RequestStatus stored = RequestStatus.valueOf(rs.getString("status"));
		String decidedBy = rs.getString("decided_by");
		RequestDecision decision = (decidedBy != null) ? new RequestDecision(
				(stored == RequestStatus.REJECTED) ? RequestStatus.REJECTED : RequestStatus.APPROVED, decidedBy,
				instant(rs, "decided_at"), rs.getString("decision_reason")) : null;
		return new FiledRequest(rs.getString("id"), rs.getLong("seq"), rs.getString("client_id"),
				rs.getString("idempotency_key"), rs.getString("body_sha256"), RequestKind.valueOf(rs.getString("kind")),
				rs.getString("source_request_id"), stored, rs.getString("plan_hash"),
				rs.getString("plan_json"), rs.getString("request_json"), rs.getString("ticket_key"),
				rs.getString("run_id"), responseStatus, rs.getString("response_json"), instant(rs, "created_at"),
				instant(rs, "updated_at"), decision, rs.getString("engine_request_json"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return Objects.requireNonNull(rs.getObject(column, OffsetDateTime.class)).toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
