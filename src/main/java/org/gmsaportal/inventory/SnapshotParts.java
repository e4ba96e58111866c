package org.gmsaportal.inventory;

import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gmsaportal.cluster.ClusterListing;
import org.gmsaportal.cluster.ListedCredentialSpec;
import org.gmsaportal.directory.DirectoryListing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static org.gmsaportal.inventory.SnapshotRows.JSON;

/**
 * The parts of a kept snapshot that are not its gMSA list ({@link SnapshotGmsas}): its header, its findings filtered
 * and paged in SQL, its drift, its listings without their gMSAs. None of them reads an {@code inventory_gmsa} row.
 */
@Repository
class SnapshotParts {

	// Finding's order: severity as the enum ranks it (the column holds its name), rule, subject; idx ends ties
	private static final String FINDING_ORDER = " ORDER BY CASE severity WHEN 'HIGH' THEN 0 WHEN 'MEDIUM' THEN 1 "
			+ "ELSE 2 END, code, subject, idx";

	private final JdbcClient jdbc;

	SnapshotParts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The snapshot's own row, its findings counted by severity, and the gaps its listings name. */
	Optional<SnapshotHeader> header(long id) {
		return this.jdbc.sql("SELECT id, taken_at, taken_by, complete, gmsa_count, credspec_count, drift_count "
				+ "FROM inventory_snapshot WHERE id = ?").param(id)
			.query((rs, n) -> new Row(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
					rs.getString(3), rs.getBoolean(4), rs.getInt(5), rs.getInt(6), rs.getInt(7)))
			.optional()
			.map((row) -> new SnapshotHeader(row.id(), row.takenAt(), row.takenBy(), row.complete(), row.gmsas(),
					row.specs(), row.drift(), severities(id), gaps(id)));
	}

	private Map<Severity, Long> severities(long id) {
		Map<Severity, Long> counts = new EnumMap<>(Severity.class);
		this.jdbc.sql("SELECT severity, COUNT(*) FROM inventory_finding WHERE snapshot_id = ? GROUP BY severity")
			.param(id).query((rs) -> {
				counts.put(Severity.valueOf(rs.getString(1)), rs.getLong(2));
			});
		return counts;
	}

	// only a listing read in part has gaps: the whole ones' JSON is not read
	private List<SnapshotHeader.Gap> gaps(long id) {
		List<DirectoryListing> directories = new ArrayList<>();
		List<ClusterListing> clusters = new ArrayList<>();
		this.jdbc.sql("SELECT kind, listing_json FROM inventory_listing WHERE snapshot_id = ? AND complete = FALSE "
				+ "ORDER BY idx").param(id).query((rs) -> {
					if ("DIRECTORY".equals(rs.getString(1))) {
						directories.add(JSON.readValue(rs.getString(2), DirectoryListing.class));
					}
					else {
						clusters.add(JSON.readValue(rs.getString(2), ClusterListing.class));
					}
				});
		return SnapshotHeader.gaps(directories, clusters);
	}

	List<Finding> findings(long id, FindingQuery query, long offset, int limit) {
		List<Object> params = new ArrayList<>();
		String where = where(id, query, params);
		params.add(offset);
		params.add(limit);
		return this.jdbc.sql("SELECT " + InventorySnapshots.FINDING_COLUMNS + " FROM inventory_finding" + where
				+ FINDING_ORDER + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY").params(params)
			.query(InventorySnapshots::finding).list();
	}

	int findingCount(long id, FindingQuery query) {
		List<Object> params = new ArrayList<>();
		String where = where(id, query, params);
		return this.jdbc.sql("SELECT COUNT(*) FROM inventory_finding" + where).params(params).query(Integer.class)
			.single();
	}

	private static String where(long id, FindingQuery query, List<Object> params) {
		StringBuilder where = new StringBuilder(" WHERE snapshot_id = ?");
		params.add(id);
		if (query.severity() != null) {
			where.append(" AND severity = ?");
			params.add(query.severity().name());
		}
		String part = query.part();
		if (part != null) {
			where.append(" AND (LOWER(subject) LIKE ? ESCAPE '!' OR LOWER(code) LIKE ? ESCAPE '!')");
			String like = "%" + SnapshotGmsas.like(part) + "%";
			params.add(like);
			params.add(like);
		}
		return where.toString();
	}

	List<Drift> drift(long id) {
		return this.jdbc.sql("SELECT " + InventorySnapshots.DRIFT_COLUMNS + " FROM inventory_drift "
				+ "WHERE snapshot_id = ? ORDER BY idx").param(id).query(InventorySnapshots::drift).list();
	}

	/** The directory listings as kept: without their gMSAs. */
	List<DirectoryListing> directories(long id) {
		return this.jdbc.sql("SELECT listing_json FROM inventory_listing WHERE snapshot_id = ? AND kind = 'DIRECTORY' "
				+ "ORDER BY idx").param(id).query((rs, n) -> JSON.readValue(rs.getString(1), DirectoryListing.class))
			.list();
	}

	/** The cluster listings with their credential specs (a few rows each; no gMSA is read). */
	List<ClusterListing> clusters(long id) {
		Map<Integer, List<ListedCredentialSpec>> specs = new HashMap<>();
		this.jdbc.sql("SELECT listing_idx, entry_json FROM inventory_credspec WHERE snapshot_id = ? "
				+ "ORDER BY listing_idx, idx").param(id).query((rs) -> {
					specs.computeIfAbsent(rs.getInt(1), (k) -> new ArrayList<>())
						.add(JSON.readValue(rs.getString(2), ListedCredentialSpec.class));
				});
		return this.jdbc.sql("SELECT idx, listing_json FROM inventory_listing WHERE snapshot_id = ? "
				+ "AND kind = 'CLUSTER' ORDER BY idx").param(id)
			.query((ResultSet rs, int n) -> JSON.readValue(rs.getString(2), ClusterListing.class)
				.withCredentialSpecs(specs.getOrDefault(rs.getInt(1), List.of())))
			.list();
	}

	private record Row(long id, Instant takenAt, String takenBy, boolean complete, int gmsas, int specs, int drift) {
	}

}
