package org.gmsaportal.api.v1;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.gmsaportal.api.PendingApiRequests;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes {@code api_request}; state changes are conditional on the state they leave, so two
 * approvals of one request cannot both pass.
 */
@Repository
class ApiRequestStore {

	private static final String COLUMNS = "id, seq, client_id, idempotency_key, body_sha256, kind, source_request_id, "
			+ "status, plan_hash, plan_json, request_json, ticket_key, run_id, response_status, response_json, "
			+ "created_at, updated_at, decided_by, decided_at, decision_reason";

	private final JdbcClient jdbc;

	ApiRequestStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Stores a new request; the callback poller watches it if its filing names a callback URL. */
	void insert(StoredRequest row) {
		// the same test the callback poller applied before it kept a watch column: the key in the parsed body
		String watch = row.requestJson().contains("\"callbackUrl\"") ? CallbackWatch.ACTIVE.name() : CallbackWatch.NONE.name();
		this.jdbc.sql("INSERT INTO api_request (id, client_id, idempotency_key, body_sha256, kind, source_request_id, "
				+ "status, plan_hash, plan_json, request_json, ticket_key, run_id, response_status, response_json, "
				+ "created_at, updated_at, callback_watch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(row.id(), row.clientId(), row.idempotencyKey(), row.bodySha256(), row.kind(), row.sourceRequestId(),
					row.status(), row.planHash(), row.planJson(), row.requestJson(), row.ticketKey(), row.runId(),
					row.responseStatus(), row.responseJson(), utc(row.createdAt()), utc(row.updatedAt()), watch)
			.update();
	}

	Optional<StoredRequest> find(String id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM api_request WHERE id = ?").param(id)
			.query(ApiRequestStore::map).optional();
	}

	Optional<StoredRequest> findByKey(String clientId, String key) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM api_request WHERE client_id = ? AND idempotency_key = ?")
			.params(clientId, key).query(ApiRequestStore::map).optional();
	}

	/** Rows after the cursor, oldest first; only the client's own unless {@code clientId} is null. */
	List<StoredRequest> after(@Nullable String clientId, @Nullable String ticketKey, long cursor, int limit) {
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM api_request WHERE seq > ?");
		List<Object> params = new java.util.ArrayList<>(List.of(cursor));
		if (clientId != null) {
			sql.append(" AND client_id = ?");
			params.add(clientId);
		}
		if (ticketKey != null) {
			sql.append(" AND ticket_key = ?");
			params.add(ticketKey);
		}
		sql.append(" ORDER BY seq LIMIT ").append(limit);
		return this.jdbc.sql(sql.toString()).params(params).query(ApiRequestStore::map).list();
	}

	/** Rows before the cursor (0: from the newest), newest first; optionally of one ticket. */
	List<StoredRequest> before(@Nullable String ticketKey, long cursor, int limit) {
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM api_request WHERE seq < ?");
		List<Object> params = new java.util.ArrayList<>(List.of((cursor > 0) ? cursor : Long.MAX_VALUE));
		if (ticketKey != null) {
			sql.append(" AND ticket_key = ?");
			params.add(ticketKey);
		}
		sql.append(" ORDER BY seq DESC LIMIT ").append(limit);
		return this.jdbc.sql(sql.toString()).params(params).query(ApiRequestStore::map).list();
	}

	/**
	 * How many requests wait for a decision, and since when the oldest of them waits. A request with a run shows
	 * its run's status instead (see {@link RequestViewer}), so only those without one count.
	 */
	PendingApiRequests.Summary pending() {
		return this.jdbc.sql("SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM api_request WHERE status = ? "
				+ "AND run_id IS NULL")
			.param(RequestViewer.PENDING)
			.query((rs, n) -> {
				OffsetDateTime oldest = rs.getObject("oldest", OffsetDateTime.class);
				return new PendingApiRequests.Summary(rs.getLong("n"), (oldest != null) ? oldest.toInstant() : null);
			})
			.single();
	}

	/** Moves the request from one stored status to another; false if it was not in {@code from}. */
	boolean transition(String id, String from, String to, @Nullable String runId, Instant now) {
		return this.jdbc.sql("UPDATE api_request SET status = ?, run_id = COALESCE(?, run_id), updated_at = ? "
				+ "WHERE id = ? AND status = ?")
			.params(to, runId, utc(now), id, from).update() == 1;
	}

	/** Records an approval or a rejection, moving the request out of {@code from}; false if it was not there. */
	boolean decide(String id, String from, String to, String by, @Nullable String reason, Instant now) {
		return this.jdbc.sql("UPDATE api_request SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ?, "
				+ "updated_at = ? WHERE id = ? AND status = ?")
			.params(to, by, utc(now), reason, utc(now), id, from).update() == 1;
	}

	/** Puts an approved request whose run could not start back to pending, forgetting the approval. */
	boolean reopen(String id, Instant now) {
		return this.jdbc.sql("UPDATE api_request SET status = ?, decided_by = NULL, decided_at = NULL, "
				+ "decision_reason = NULL, updated_at = ? WHERE id = ? AND status = ?")
			.params(RequestViewer.PENDING, utc(now), id, RequestViewer.APPROVED).update() == 1;
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

	void delete(String id) {
		this.jdbc.sql("DELETE FROM api_request WHERE id = ?").param(id).update();
	}

	private static StoredRequest map(ResultSet rs, int row) throws SQLException {
		int status = rs.getInt("response_status");
		Integer responseStatus = rs.wasNull() ? null : status;
		String stored = rs.getString("status");
		String decidedBy = rs.getString("decided_by");
		RequestDecision decision = (decidedBy != null) ? new RequestDecision(
				stored.equals(RequestViewer.REJECTED) ? RequestViewer.REJECTED : RequestViewer.APPROVED, decidedBy,
				instant(rs, "decided_at"), rs.getString("decision_reason")) : null;
		return new StoredRequest(rs.getString("id"), rs.getLong("seq"), rs.getString("client_id"),
				rs.getString("idempotency_key"), rs.getString("body_sha256"), rs.getString("kind"),
				rs.getString("source_request_id"), stored, rs.getString("plan_hash"),
				rs.getString("plan_json"), rs.getString("request_json"), rs.getString("ticket_key"),
				rs.getString("run_id"), responseStatus, rs.getString("response_json"), instant(rs, "created_at"),
				instant(rs, "updated_at"), decision);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return Objects.requireNonNull(rs.getObject(column, OffsetDateTime.class)).toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
