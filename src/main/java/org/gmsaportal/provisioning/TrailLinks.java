package org.gmsaportal.provisioning;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.gmsaportal.audit.AuditQuery;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Links an audit filter's request id or ticket to every id the trail is recorded under, so that one query returns
 * the whole of it in order: a filed request's events carry the request id, its run's (steps, directory and cluster
 * writes) the run id, a decommission's its own request and run ids. The events are stored as they were, so the
 * chain covers exactly what is read; only the filter learns how the ids hang together, from the provisioning
 * tables. Read only, two small indexed queries per hop.
 */
@Component
public class TrailLinks {

	/** request -> run -> decommission request -> its run: a lifecycle is at most this many hops deep. */
	private static final int HOPS = 4;

	/** More ids than a lifecycle has: a bound against a pathological table, never reached by the portal's own rows. */
	private static final int MAX_IDS = 200;

	private final JdbcClient jdbc;

	TrailLinks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The query, also matching the events of every request and run linked to its correlation id or ticket. */
	public AuditQuery link(AuditQuery query) {
		Set<String> correlation = present(query.correlationId()) ? connected(Set.of(query.correlationId().strip()))
				: Set.of();
		Set<String> ticket = present(query.ticket()) ? connected(filedUnder(query.ticket().strip())) : Set.of();
		return query.linked(correlation, ticket);
	}

	/** The requests and runs filed under the ticket. */
	private Set<String> filedUnder(String ticket) {
		Set<String> ids = new LinkedHashSet<>(this.jdbc.sql("SELECT id FROM api_request WHERE ticket_key = ?")
			.param(ticket).query(String.class).list());
		ids.addAll(this.jdbc.sql("SELECT id FROM provisioning_run WHERE ticket_ref = ?").param(ticket)
			.query(String.class).list());
		return ids;
	}

	/**
	 * Every id connected to the seeds: a request and its run, a request and the decommission requests filed for it,
	 * a run and the decommission runs that remove it, in either direction.
	 */
	private Set<String> connected(Set<String> seeds) {
		Set<String> ids = new LinkedHashSet<>(seeds);
		for (int hop = 0; hop < HOPS && !ids.isEmpty() && ids.size() < MAX_IDS; hop++) {
			Set<String> next = new LinkedHashSet<>(ids);
			this.jdbc.sql("SELECT id, run_id, source_request_id FROM api_request "
					+ "WHERE id IN (:ids) OR run_id IN (:ids) OR source_request_id IN (:ids)")
				.param("ids", List.copyOf(ids))
				.query((rs, n) -> List.of(nonNull(rs.getString(1)), nonNull(rs.getString(2)), nonNull(rs.getString(3))))
				.list()
				.forEach(next::addAll);
			this.jdbc.sql("SELECT id, decommissions FROM provisioning_run WHERE id IN (:ids) OR decommissions IN (:ids)")
				.param("ids", List.copyOf(ids))
				.query((rs, n) -> List.of(nonNull(rs.getString(1)), nonNull(rs.getString(2))))
				.list()
				.forEach(next::addAll);
			next.remove("");
			if (next.size() == ids.size()) {
				break;
			}
			ids = next;
		}
		return ids;
	}

	private static String nonNull(@Nullable String value) {
		return (value != null) ? value : "";
	}

	private static boolean present(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
