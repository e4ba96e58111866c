package org.gmsaportal.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SQL for reading the audit trail: filters as a WHERE clause with bind parameters, and row mapping.
 */
final class AuditSql {

	/** Every column of {@code audit_event}: rows are written, read and exported (CSV header) in this order. */
	public static final String COLUMNS = "seq, occurred_at, actor, actor_kind, actor_roles, source_address, action, "
			+ "target, outcome, details, correlation_id, ticket_ref, prev_hash, hash";

	/** Joins the fields free text searches; stripped from the searched text, so that no match spans two fields. */
	static final String FIELD_SEPARATOR = "\n";

	/** What free text searches: actor, action, target and details, lower-cased, as PostgreSQL's index holds them. */
	static final String SEARCHED = "LOWER(actor || '" + FIELD_SEPARATOR + "' || action || '" + FIELD_SEPARATOR
			+ "' || target || '" + FIELD_SEPARATOR + "' || details)";

	private AuditSql() {
	}

	/** A WHERE clause ({@code 1=1} when nothing filters) and its parameters, in order. */
	public record Where(String clause, List<Object> params) {
	}

	public static Where where(AuditQuery query) {
		List<String> conditions = new ArrayList<>();
		List<Object> params = new ArrayList<>();
		if (query.from() != null) {
			conditions.add("occurred_at >= ?");
			params.add(OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
		}
		if (query.to() != null) {
			conditions.add("occurred_at < ?");
			params.add(OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
		}
		if (present(query.actor())) {
			// an exact name (case-insensitive), so that one index range lists its events in seq order (V29)
			conditions.add("LOWER(actor) = LOWER(?)");
			params.add(query.actor().strip());
		}
		if (present(query.action())) {
			conditions.add("action LIKE ? ESCAPE '\\'");
			params.add(escape(query.action().strip()) + "%");
		}
		if (query.outcome() != null) {
			conditions.add("outcome = ?");
			params.add(query.outcome().name());
		}
		if (present(query.text())) {
			// exactly the expression of PostgreSQL's trigram index (V29): one index read for the four fields
			conditions.add(SEARCHED + " LIKE ? ESCAPE '\\'");
			params.add(contains(query.text().replace(FIELD_SEPARATOR, "")));
		}
		if (present(query.correlationId())) {
			Set<String> ids = new LinkedHashSet<>(List.of(query.correlationId().strip()));
			ids.addAll(query.correlationLinks());
			conditions.add("correlation_id IN (" + placeholders(ids.size()) + ")");
			params.addAll(ids);
		}
		if (present(query.ticket())) {
			// The events a run or request records under its own id carry its ticket, except a few (cluster deletes
			// name only the run): the links make sure the whole trail of what was filed under the ticket shows.
			String links = query.ticketLinks().isEmpty() ? ""
					: " OR correlation_id IN (" + placeholders(query.ticketLinks().size()) + ")";
			conditions.add("(ticket_ref = ?" + links + ")");
			params.add(query.ticket().strip());
			params.addAll(query.ticketLinks());
		}
		return new Where(conditions.isEmpty() ? "1=1" : String.join(" AND ", conditions), params);
	}

	public static AuditRow map(ResultSet rs, int rowNum) throws SQLException {
		return new AuditRow(rs.getLong("seq"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
				rs.getString("actor"), rs.getString("actor_kind"), rs.getString("actor_roles"),
				rs.getString("source_address"), rs.getString("action"), rs.getString("target"),
				rs.getString("outcome"), rs.getString("details"), rs.getString("correlation_id"),
				rs.getString("ticket_ref"), rs.getString("prev_hash"), rs.getString("hash"));
	}

	private static String placeholders(int count) {
		return String.join(", ", java.util.Collections.nCopies(count, "?"));
	}

	private static boolean present(String value) {
		return value != null && !value.isBlank();
	}

	private static String contains(String value) {
		return "%" + escape(value.strip().toLowerCase(Locale.ROOT)) + "%";
	}

	private static String escape(String value) {
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
