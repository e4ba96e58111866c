package org.gmsaportal.api.v1;

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
class ApiRequestStore {

	private static final String COLUMNS = "id, seq, client_id, idempotency_key, body_sha256, kind, source_request_id, "
			+ "status, plan_hash, plan_json, request_json, ticket_key, run_id, response_status, response_json, "
			+ "created_at, updated_at";

	private final JdbcClient jdbc;

	ApiRequestStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(StoredRequest row) {
		this.jdbc.sql("INSERT INTO api_request (id, client_id, idempotency_key, body_sha256, kind, source_request_id, "
				+ "status, plan_hash, plan_json, request_json, ticket_key, run_id, response_status, response_json, "
				+ "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(row.id(), row.clientId(), row.idempotencyKey(), row.bodySha256(), row.kind(), row.sourceRequestId(),
					row.status(), row.planHash(), row.planJson(), row.requestJson(), row.ticketKey(), row.runId(),
					row.responseStatus(), row.responseJson(), utc(row.createdAt()), utc(row.updatedAt()))
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

	/** Every request whose filing names a callback URL, oldest first. */
	List<StoredRequest> withCallbacks() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM api_request WHERE request_json LIKE ? ORDER BY seq")
			.param("%\"callbackUrl\"%").query(ApiRequestStore::map).list();
	}

	/** Moves the request from one stored status to another; false if it was not in {@code from}. */
	boolean transition(String id, String from, String to, @Nullable String runId, Instant now) {
		return this.jdbc.sql("UPDATE api_request SET status = ?, run_id = COALESCE(?, run_id), updated_at = ? "
				+ "WHERE id = ? AND status = ?")
			.params(to, runId, utc(now), id, from).update() == 1;
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
		return new StoredRequest(rs.getString("id"), rs.getLong("seq"), rs.getString("client_id"),
				rs.getString("idempotency_key"), rs.getString("body_sha256"), rs.getString("kind"),
				rs.getString("source_request_id"), rs.getString("status"), rs.getString("plan_hash"),
				rs.getString("plan_json"), rs.getString("request_json"), rs.getString("ticket_key"),
				rs.getString("run_id"), responseStatus, rs.getString("response_json"), instant(rs, "created_at"),
				instant(rs, "updated_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return Objects.requireNonNull(rs.getObject(column, OffsetDateTime.class)).toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
