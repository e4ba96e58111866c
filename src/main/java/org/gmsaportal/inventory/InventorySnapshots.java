package org.gmsaportal.inventory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.gmsaportal.cluster.ClusterListing;
import org.gmsaportal.cluster.ListedCredentialSpec;
import org.gmsaportal.directory.DirectoryListing;
import org.gmsaportal.directory.ListedGmsa;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import static org.gmsaportal.inventory.SnapshotRows.JSON;
import static org.gmsaportal.inventory.SnapshotRows.utc;

/**
 * The kept snapshots, in {@code inventory_*} (Flyway V24). Writes happen inside the caller's transaction, together
 * with the audit event of the snapshot.
 */
@Repository
class InventorySnapshots {

	static final String DRIFT_COLUMNS = "subject, kind, detail, run_id, first_seen";

	private static final int ROWS_PER_BATCH = 500;

	static final String FINDING_COLUMNS = "severity, code, subject, reason, fix, first_seen";

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	InventorySnapshots(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	/**
	 * Keeps the snapshot; returns its id.
	 * @param driftGmsa the gMSA (lower case, without $) each drift is about, by index, or {@code null}
	 * @param findingGmsa the same for each finding
	 */
	long save(InventorySnapshot snapshot, List<String> driftGmsa, List<String> findingGmsa) {
		KeyHolder keys = new GeneratedKeyHolder();
		int gmsas = snapshot.directories().stream().mapToInt((d) -> d.gmsas().size()).sum();
		int specs = snapshot.clusters().stream().mapToInt((c) -> c.credentialSpecs().size()).sum();
		this.jdbc.sql("INSERT INTO inventory_snapshot (taken_at, taken_by, complete, gmsa_count, credspec_count, "
				+ "drift_count, finding_count, gmsa_columns) VALUES (?, ?, ?, ?, ?, ?, ?, TRUE)")
			.params(utc(snapshot.takenAt()), snapshot.takenBy(), snapshot.complete(), gmsas, specs,
					snapshot.drift().size(), snapshot.findings().size())
			.update(keys, "id");
		long id = Objects.requireNonNull(keys.getKey()).longValue();
		List<Object[]> listings = new ArrayList<>();
		List<Object[]> gmsaRows = new ArrayList<>();
		// the list's filter and sort columns (V32), in the order the loop below meets the gMSAs
		List<InventoryGmsa> listed = InventoryGmsa.of(snapshot, List.of());
		int next = 0;
		List<Object[]> specRows = new ArrayList<>();
		int idx = 0;
		for (DirectoryListing d : snapshot.directories()) {
			DirectoryListing bare = new DirectoryListing(d.connection(), d.domain(), d.readAt(), List.of(),
					d.kdsRootKeys(), d.users(), d.incomplete());
			listings.add(new Object[] { id, idx, "DIRECTORY", d.connection(), d.complete(),
					JSON.writeValueAsString(bare) });
			for (int i = 0; i < d.gmsas().size(); i++) {
				ListedGmsa g = d.gmsas().get(i);
				Object[] columns = SnapshotGmsas.columns(listed.get(next++));
				Object[] row = Arrays.copyOf(new Object[] { id, idx, i, d.domain(),
						SnapshotRows.gmsaKey(g.samAccountName()), JSON.writeValueAsString(g) }, 6 + columns.length);
				System.arraycopy(columns, 0, row, 6, columns.length);
				gmsaRows.add(row);
				if (gmsaRows.size() == ROWS_PER_BATCH) {
					insertGmsas(gmsaRows);
				}
			}
			idx++;
		}
		for (ClusterListing c : snapshot.clusters()) {
			ClusterListing bare = c.withCredentialSpecs(List.of());
			listings.add(new Object[] { id, idx, "CLUSTER", c.connection(), c.complete(),
					JSON.writeValueAsString(bare) });
			for (int i = 0; i < c.credentialSpecs().size(); i++) {
				ListedCredentialSpec s = c.credentialSpecs().get(i);
				specRows.add(new Object[] { id, idx, i, s.name(), SnapshotRows.gmsaKey(s.gmsaName()),
						JSON.writeValueAsString(s) });
			}
			idx++;
		}
		this.batch.batchUpdate("INSERT INTO inventory_listing (snapshot_id, idx, kind, connection, complete, "
				+ "listing_json) VALUES (?, ?, ?, ?, ?, ?)", listings);
		insertGmsas(gmsaRows);
		this.batch.batchUpdate("INSERT INTO inventory_credspec (snapshot_id, listing_idx, idx, name, gmsa_name, "
				+ "entry_json) VALUES (?, ?, ?, ?, ?, ?)", specRows);
		List<Object[]> driftRows = new ArrayList<>();
		for (int i = 0; i < snapshot.drift().size(); i++) {
			Drift d = snapshot.drift().get(i);
			driftRows.add(new Object[] { id, i, d.subject(), d.kind().name(), d.detail(), d.runId(), driftGmsa.get(i),
					utc(Objects.requireNonNull(d.firstSeen())) });
		}
		this.batch.batchUpdate("INSERT INTO inventory_drift (snapshot_id, idx, " + DRIFT_COLUMNS.replace("first_seen",
				"gmsa_name, first_seen") + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", driftRows);
		List<Object[]> findingRows = new ArrayList<>();
		for (int i = 0; i < snapshot.findings().size(); i++) {
			Finding f = snapshot.findings().get(i);
			findingRows.add(new Object[] { id, i, f.severity().name(), f.code(), f.subject(), f.reason(), f.fix(),
					findingGmsa.get(i), utc(Objects.requireNonNull(f.firstSeen())) });
		}
		this.batch.batchUpdate("INSERT INTO inventory_finding (snapshot_id, idx, " + FINDING_COLUMNS.replace(
				"first_seen", "gmsa_name, first_seen") + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", findingRows);
		return id;
	}

	// The JSON of every gMSA at once would hold the domain a second time beside the listing: rows go in batches.
	private void insertGmsas(List<Object[]> rows) {
		this.batch.batchUpdate("INSERT INTO inventory_gmsa (snapshot_id, listing_idx, idx, domain, sam_account_name, "
				+ "entry_json, " + SnapshotGmsas.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
		rows.clear();
	}

	Optional<Long> latestId() {
		return this.jdbc.sql("SELECT MAX(id) FROM inventory_snapshot").query(Long.class).optional();
	}

	/** The newest {@code max} snapshots' numbers, newest first, from the counts kept with each. */
	List<SnapshotSummary> history(int max) {
		return this.jdbc.sql("SELECT id, taken_at, taken_by, gmsa_count, credspec_count, drift_count, finding_count, "
				+ "complete FROM inventory_snapshot ORDER BY id DESC FETCH FIRST ? ROWS ONLY")
			.param(max)
			.query((rs, n) -> new SnapshotSummary(rs.getLong("id"), instant(rs, "taken_at"), rs.getString("taken_by"),
					rs.getInt("gmsa_count"), rs.getInt("credspec_count"), rs.getInt("drift_count"),
					rs.getInt("finding_count"), rs.getBoolean("complete")))
			.list();
	}

	/** The newest snapshot taken at or before {@code when}. */
	Optional<Long> idAsOf(Instant when) {
		return this.jdbc.sql("SELECT MAX(id) FROM inventory_snapshot WHERE taken_at <= ?").param(utc(when))
			.query(Long.class).optional();
	}

	Optional<InventorySnapshot> load(long id) {
		Optional<Header> header = this.jdbc.sql("SELECT id, taken_at, taken_by FROM inventory_snapshot WHERE id = ?")
			.param(id).query((rs, n) -> new Header(rs.getLong("id"), instant(rs, "taken_at"), rs.getString("taken_by")))
			.optional();
		return header.map(this::load);
	}

	private InventorySnapshot load(Header header) {
		long id = header.id();
		Map<Integer, List<ListedGmsa>> gmsas = new HashMap<>();
		this.jdbc.sql("SELECT listing_idx, entry_json FROM inventory_gmsa WHERE snapshot_id = ? "
				+ "ORDER BY listing_idx, idx")
			.param(id).query((rs) -> {
				gmsas.computeIfAbsent(rs.getInt(1), (k) -> new ArrayList<>())
					.add(JSON.readValue(rs.getString(2), ListedGmsa.class));
			});
		Map<Integer, List<ListedCredentialSpec>> specs = new HashMap<>();
		this.jdbc.sql("SELECT listing_idx, entry_json FROM inventory_credspec WHERE snapshot_id = ? "
				+ "ORDER BY listing_idx, idx").param(id).query((rs) -> {
					specs.computeIfAbsent(rs.getInt(1), (k) -> new ArrayList<>())
						.add(JSON.readValue(rs.getString(2), ListedCredentialSpec.class));
				});
		List<DirectoryListing> directories = new ArrayList<>();
		List<ClusterListing> clusters = new ArrayList<>();
		this.jdbc.sql("SELECT idx, kind, listing_json FROM inventory_listing WHERE snapshot_id = ? ORDER BY idx")
			.param(id).query((rs) -> {
				int idx = rs.getInt(1);
				if ("DIRECTORY".equals(rs.getString(2))) {
					DirectoryListing d = JSON.readValue(rs.getString(3), DirectoryListing.class);
					directories.add(new DirectoryListing(d.connection(), d.domain(), d.readAt(),
							gmsas.getOrDefault(idx, List.of()), d.kdsRootKeys(), d.users(), d.incomplete()));
				}
				else {
					ClusterListing c = JSON.readValue(rs.getString(3), ClusterListing.class);
					clusters.add(c.withCredentialSpecs(specs.getOrDefault(idx, List.of())));
				}
			});
		List<Drift> drift = this.jdbc.sql("SELECT " + DRIFT_COLUMNS + " FROM inventory_drift WHERE snapshot_id = ? "
				+ "ORDER BY idx").param(id).query(InventorySnapshots::drift).list();
		List<Finding> findings = this.jdbc.sql("SELECT " + FINDING_COLUMNS + " FROM inventory_finding "
				+ "WHERE snapshot_id = ? ORDER BY idx").param(id).query(InventorySnapshots::finding).list();
		return new InventorySnapshot(id, header.takenAt(), header.takenBy(), directories, clusters, drift, findings);
	}

	/** The snapshot's cluster listings without their credential specs: a few rows, for the overview. */
	List<ClusterListing> clusterListings(long id) {
		return this.jdbc.sql("SELECT listing_json FROM inventory_listing WHERE snapshot_id = ? AND kind = 'CLUSTER' "
				+ "ORDER BY idx").param(id).query((rs, n) -> JSON.readValue(rs.getString(1), ClusterListing.class))
			.list();
	}

	/** When each drift ({@link Drift#key()}) of the snapshot was first seen. */
	Map<String, Instant> driftFirstSeen(long id) {
		Map<String, Instant> seen = new HashMap<>();
		this.jdbc.sql("SELECT kind, subject, first_seen FROM inventory_drift WHERE snapshot_id = ?").param(id)
			.query((rs) -> {
				seen.put(rs.getString(1) + " " + rs.getString(2), instant(rs, "first_seen"));
			});
		return seen;
	}

	/** When each finding ({@link Finding#key()}) of the snapshot was first seen. */
	Map<String, Instant> findingFirstSeen(long id) {
		Map<String, Instant> seen = new HashMap<>();
		this.jdbc.sql("SELECT code, subject, first_seen FROM inventory_finding WHERE snapshot_id = ?").param(id)
			.query((rs) -> {
				seen.put(rs.getString(1) + " " + rs.getString(2), instant(rs, "first_seen"));
			});
		return seen;
	}

	Optional<Instant> takenAt(long id) {
		return this.jdbc.sql("SELECT taken_at FROM inventory_snapshot WHERE id = ?").param(id)
			.query((rs, n) -> instant(rs, "taken_at")).optional();
	}

	List<Drift> driftOfRun(long id, String runId) {
		return this.jdbc.sql("SELECT " + DRIFT_COLUMNS + " FROM inventory_drift WHERE snapshot_id = ? AND run_id = ? "
				+ "ORDER BY idx").params(id, runId).query(InventorySnapshots::drift).list();
	}

	List<Drift> driftOfGmsa(long id, String gmsaKey) {
		return this.jdbc.sql("SELECT " + DRIFT_COLUMNS + " FROM inventory_drift WHERE snapshot_id = ? "
				+ "AND gmsa_name = ? ORDER BY idx").params(id, gmsaKey).query(InventorySnapshots::drift).list();
	}

	List<Finding> findingsOfGmsa(long id, String gmsaKey) {
		return this.jdbc.sql("SELECT " + FINDING_COLUMNS + " FROM inventory_finding WHERE snapshot_id = ? "
				+ "AND gmsa_name = ? ORDER BY idx").params(id, gmsaKey).query(InventorySnapshots::finding).list();
	}

	/** Deletes all but the newest {@code keep} snapshots (their rows go with them). */
	int prune(int keep) {
		Optional<Long> oldestKept = this.jdbc.sql("SELECT id FROM inventory_snapshot ORDER BY id DESC "
				+ "OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY").param(keep - 1).query(Long.class).optional();
		return oldestKept.map((oldest) -> this.jdbc.sql("DELETE FROM inventory_snapshot WHERE id < ?").param(oldest)
			.update()).orElse(0);
	}

	static Drift drift(ResultSet rs, int row) throws SQLException {
		return new Drift(rs.getString("subject"), DriftKind.valueOf(rs.getString("kind")), rs.getString("detail"),
				rs.getString("run_id"), instant(rs, "first_seen"));
	}

	static Finding finding(ResultSet rs, int row) throws SQLException {
		return new Finding(Severity.valueOf(rs.getString("severity")), rs.getString("code"), rs.getString("subject"),
				rs.getString("reason"), rs.getString("fix"), instant(rs, "first_seen"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private record Header(long id, Instant takenAt, String takenBy) {
	}

}
