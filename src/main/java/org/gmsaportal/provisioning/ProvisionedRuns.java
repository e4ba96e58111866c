package org.gmsaportal.provisioning;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dashboards' list of what the portal provisioned, one page at a time in SQL (V34's keys): per gMSA and
 * destination of its credential spec, the newest succeeded provisioning run whose gMSA step created the gMSA, ordered
 * by domain, name, then newest first, as {@link RunOverview#inventory()} orders the whole list in memory.
 */
@Repository
class ProvisionedRuns {

	// a run stored before V34 has no keys: the first read after the upgrade fills them in, this many per query
	private static final int BACKFILL_BATCH = 1000;

	private static final List<String> OPEN = List.of(RunState.RUNNING.name(), RunState.FAILED.name(),
			RunState.INTERRUPTED.name(), RunState.NEEDS_ATTENTION.name());

	// a succeeded provisioning run whose gMSA step created the gMSA (a run that found it already there made nothing)
	private static final String CREATED_GMSA = "EXISTS (SELECT 1 FROM provisioning_step s WHERE s.run_id = %1$s.id "
			+ "AND s.kind = 'ENSURE_GMSA' AND s.result = 'CREATED') AND %1$s.state = 'SUCCEEDED' "
			+ "AND %1$s.kind = 'PROVISION'";

	private final JdbcClient jdbc;

	ProvisionedRuns(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The keys V34 stores with every run, from what it provisions. */
	static List<Object> keys(String domain, String gmsaName, Target target) {
		return List.of(domain.toLowerCase(Locale.ROOT), gmsaName.toLowerCase(Locale.ROOT), destination(target));
	}

	/** Where the credential spec went, as one lower-case key: a run to another place is a row of its own. */
	static String destination(Target target) {
		String connection = (target instanceof Target.Cluster cluster) ? cluster.connection() : null;
		return (connection + "\\" + target.namespace() + "\\" + target.credSpecName()).toLowerCase(Locale.ROOT);
	}

	/**
	 * At most {@code limit} rows after the row of run {@code after} (from the first when null), each with the request
	 * it ran.
	 */
	List<RunRepository.Provisioned> page(@Nullable String after, int limit) {
		backfill();
		List<Object> params = new ArrayList<>();
		String from = "";
		if (after != null) {
			List<Object[]> position = this.jdbc.sql("SELECT domain_key, name_key, created_at, id FROM provisioning_run "
					+ "WHERE id = ? AND domain_key IS NOT NULL")
				.param(after)
				.query((rs, n) -> new Object[] { rs.getString(1), rs.getString(2),
						rs.getObject(3, OffsetDateTime.class), rs.getString(4) })
				.list();
			if (!position.isEmpty()) {
				Object[] p = position.get(0);
				from = " AND (r.domain_key > ? OR (r.domain_key = ? AND (r.name_key > ? OR (r.name_key = ? "
						+ "AND (r.created_at < ? OR (r.created_at = ? AND r.id > ?))))))";
				params.addAll(List.of(p[0], p[0], p[1], p[1], p[2], p[2], p[3]));
			}
		}
		params.add(limit);
		// NOT EXISTS: no newer such run of the same gMSA and destination, which would be the one that counts
		return this.jdbc.sql("SELECT " + RunRepository.RUN_COLUMNS + ", request_json, CASE WHEN EXISTS (SELECT 1 "
				+ "FROM provisioning_step g WHERE g.run_id = r.id AND g.kind = 'ENSURE_GROUP' AND g.result = 'CREATED') "
				+ "THEN 1 ELSE 0 END AS group_created FROM provisioning_run r WHERE r.state = 'SUCCEEDED' "
				+ "AND r.kind = 'PROVISION' AND r.domain_key IS NOT NULL" + from + " AND " + CREATED_GMSA.formatted("r")
				+ " AND NOT EXISTS (SELECT 1 FROM provisioning_run n WHERE n.state = 'SUCCEEDED' "
				+ "AND n.kind = 'PROVISION' AND n.domain_key = r.domain_key AND n.name_key = r.name_key "
				+ "AND n.destination_key = r.destination_key AND (n.created_at > r.created_at "
				+ "OR (n.created_at = r.created_at AND n.id < r.id)) AND " + CREATED_GMSA.formatted("n") + ") "
				+ "ORDER BY r.domain_key, r.name_key, r.created_at DESC, r.id FETCH FIRST ? ROWS ONLY")
			.params(params)
			.query((rs, n) -> new RunRepository.Provisioned(RunRepository.run(rs, List.of()),
					Canonical.request(rs.getString("request_json")), rs.getInt("group_created") == 1))
			.list();
	}

	/**
	 * The running, failed, interrupted or needing attention runs of these gMSA names (lower case), newest first: a
	 * listed gMSA's newer run, if it has one, is among them.
	 */
	List<RunView> open(Collection<String> names) {
		if (names.isEmpty()) {
			return List.of();
		}
		List<Object> params = new ArrayList<>(OPEN);
		params.addAll(names);
		String in = String.join(", ", names.stream().map((name) -> "?").toList());
		return this.jdbc.sql("SELECT " + RunRepository.RUN_COLUMNS + " FROM provisioning_run WHERE state IN (?, ?, ?, ?) "
				+ "AND LOWER(gmsa_name) IN (" + in + ") ORDER BY created_at DESC, id")
			.params(params)
			.query((rs, n) -> RunRepository.run(rs, List.of()))
			.list();
	}

	/** Fills in the keys of succeeded provisioning runs stored before V34 (an indexed probe once none is left). */
	private void backfill() {
		record Unkeyed(String id, String domain, String gmsaName, String requestJson) {
		}
		List<Unkeyed> unkeyed;
		do {
			unkeyed = this.jdbc.sql("SELECT id, domain, gmsa_name, request_json FROM provisioning_run "
					+ "WHERE state = 'SUCCEEDED' AND kind = 'PROVISION' AND domain_key IS NULL FETCH FIRST ? ROWS ONLY")
				.param(BACKFILL_BATCH)
				.query((rs, n) -> new Unkeyed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
				.list();
			for (Unkeyed run : unkeyed) {
				// the same values from the same row whoever writes them, so two instances filling in at once agree
				List<Object> params = new ArrayList<>(keys(run.domain(), run.gmsaName(),
						Canonical.request(run.requestJson()).target()));
				params.add(run.id());
				this.jdbc.sql("UPDATE provisioning_run SET domain_key = ?, name_key = ?, destination_key = ? "
						+ "WHERE id = ? AND domain_key IS NULL")
					.params(params)
					.update();
			}
		}
		while (!unkeyed.isEmpty());
	}

}
