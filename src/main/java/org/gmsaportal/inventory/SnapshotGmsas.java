package org.gmsaportal.inventory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.gmsaportal.directory.ListedGmsa;
import org.gmsaportal.provisioning.InventoryEntry;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static org.gmsaportal.inventory.SnapshotRows.JSON;

/**
 * A kept snapshot's gMSAs as the lists read them: filtered, sorted and paged in SQL on the columns V32 added to
 * {@code inventory_gmsa}, so that a view reads one page (and the drift and findings of its gMSAs), never the whole
 * snapshot. The columns are written with each row ({@link #columns}); a snapshot kept before V32 gets them once
 * ({@link #fill}).
 */
@Repository
class SnapshotGmsas {

	/** The columns {@link #columns} gives values for, in that order. */
	static final String COLUMNS = "connection, ou_key, retriever_count, finding_count, drift_count, worst_severity";

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	SnapshotGmsas(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	/** The list columns of one gMSA of a snapshot, as {@link #COLUMNS} names them. */
	static Object[] columns(InventoryGmsa g) {
		Severity worst = g.worst();
		return new Object[] { g.connection(), g.ou().toLowerCase(Locale.ROOT), g.gmsa().retrievers().size(),
				g.findings().size(), g.drift().size(), (worst != null) ? worst.ordinal() : null };
	}

	/** Whether the snapshot's rows have the list columns (every snapshot kept since V32 has). */
	boolean filled(long snapshotId) {
		return this.jdbc.sql("SELECT gmsa_columns FROM inventory_snapshot WHERE id = ?").param(snapshotId)
			.query(Boolean.class).optional().orElse(true);
	}

	/** Writes the list columns of a snapshot kept before V32, from the snapshot read whole (once). */
	void fill(InventorySnapshot snapshot) {
		List<InventoryGmsa> all = InventoryGmsa.of(snapshot, List.of());
		List<Object[]> rows = new ArrayList<>();
		int next = 0;
		for (int listing = 0; listing < snapshot.directories().size(); listing++) {
			for (int i = 0; i < snapshot.directories().get(listing).gmsas().size(); i++) {
				Object[] columns = columns(all.get(next++));
				Object[] row = Arrays.copyOf(columns, columns.length + 3);
				row[columns.length] = snapshot.id();
				row[columns.length + 1] = listing;
				row[columns.length + 2] = i;
				rows.add(row);
			}
		}
		this.batch.batchUpdate("UPDATE inventory_gmsa SET connection = ?, ou_key = ?, retriever_count = ?, "
				+ "finding_count = ?, drift_count = ?, worst_severity = ? "
				+ "WHERE snapshot_id = ? AND listing_idx = ? AND idx = ?", rows);
		this.jdbc.sql("UPDATE inventory_snapshot SET gmsa_columns = TRUE WHERE id = ?").param(snapshot.id()).update();
	}

	/** One page of the gMSAs that match, in the query's order, ties by connection and name. */
	GmsaPage page(long snapshotId, List<InventoryEntry> records, GmsaQuery query, int page, int size) {
		int total = count(snapshotId, query);
		int shown = GmsaPage.clamp(page, total, size);
		return new GmsaPage(range(snapshotId, records, query, (long) shown * size, size), shown, size, total);
	}

	/** How many of the snapshot's gMSAs match. */
	int count(long snapshotId, GmsaQuery query) {
		List<Object> params = new ArrayList<>();
		String where = where(snapshotId, query, params);
		return this.jdbc.sql("SELECT COUNT(*) FROM inventory_gmsa" + where).params(params).query(Integer.class)
			.single();
	}

	/** The gMSAs that match from position {@code offset}, at most {@code limit}, in the query's order. */
	List<InventoryGmsa> range(long snapshotId, List<InventoryEntry> records, GmsaQuery query, long offset,
			int limit) {
		List<Object> params = new ArrayList<>();
		String where = where(snapshotId, query, params);
		params.add(offset);
		params.add(limit);
		List<Row> rows = this.jdbc.sql("SELECT connection, domain, entry_json FROM inventory_gmsa" + where
				+ " ORDER BY " + order(query) + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
			.params(params)
			.query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
		return withAssessments(snapshotId, records, rows);
	}

	/** The gMSAs of that name (with or without {@code $}, any case) in any connection, in the snapshot's order. */
	List<InventoryGmsa> named(long snapshotId, List<InventoryEntry> records, String name) {
		List<Row> rows = this.jdbc.sql("SELECT connection, domain, entry_json FROM inventory_gmsa "
				+ "WHERE snapshot_id = ? AND sam_account_name = ? ORDER BY listing_idx, idx")
			.params(snapshotId, SnapshotRows.gmsaKey(name))
			.query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
		return withAssessments(snapshotId, records, rows);
	}

	/** The domains the snapshot's gMSAs are in, sorted. */
	List<String> domains(long snapshotId) {
		return this.jdbc.sql("SELECT DISTINCT domain FROM inventory_gmsa WHERE snapshot_id = ? ORDER BY domain")
			.param(snapshotId).query(String.class).list();
	}

	/** The gMSA of that connection and name (with or without {@code $}, any case). */
	Optional<InventoryGmsa> one(long snapshotId, List<InventoryEntry> records, String connection, String name) {
		List<Row> rows = this.jdbc.sql("SELECT connection, domain, entry_json FROM inventory_gmsa "
				+ "WHERE snapshot_id = ? AND sam_account_name = ? AND connection = ?")
			.params(snapshotId, SnapshotRows.gmsaKey(name), connection)
			.query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
		return withAssessments(snapshotId, records, rows).stream().findFirst();
	}

	private record Row(String connection, String domain, String json) {
	}

	/**
	 * The page's gMSAs with the drift and findings whose subject names them, found by the {@code gmsa_name} index
	 * and matched by subject as {@link InventoryGmsa#of} matches them, and the portal's run that made each.
	 */
	private List<InventoryGmsa> withAssessments(long snapshotId, List<InventoryEntry> records, List<Row> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		List<ListedGmsa> gmsas = new ArrayList<>();
		List<Object> params = new ArrayList<>();
		params.add(snapshotId);
		for (Row row : rows) {
			ListedGmsa gmsa = JSON.readValue(row.json(), ListedGmsa.class);
			gmsas.add(gmsa);
			params.add(SnapshotRows.gmsaKey(gmsa.samAccountName()));
		}
		String in = " AND gmsa_name IN (" + "?, ".repeat(rows.size() - 1) + "?)";
		List<Drift> drift = this.jdbc.sql("SELECT " + InventorySnapshots.DRIFT_COLUMNS + " FROM inventory_drift "
				+ "WHERE snapshot_id = ?" + in + " ORDER BY idx").params(params).query(InventorySnapshots::drift)
			.list();
		List<Finding> findings = this.jdbc.sql("SELECT " + InventorySnapshots.FINDING_COLUMNS
				+ " FROM inventory_finding WHERE snapshot_id = ?" + in + " ORDER BY idx").params(params)
			.query(InventorySnapshots::finding).list();
		Map<String, String> runs = InventoryGmsa.runs(records);
		Map<String, List<Drift>> driftBySubject = new HashMap<>();
		drift.forEach((d) -> driftBySubject.computeIfAbsent(lower(d.subject()), (k) -> new ArrayList<>()).add(d));
		Map<String, List<Finding>> findingsBySubject = new HashMap<>();
		findings.stream().sorted((a, b) -> a.severity().compareTo(b.severity())).forEach((f) -> findingsBySubject
			.computeIfAbsent(lower(f.subject()), (k) -> new ArrayList<>()).add(f));
		List<InventoryGmsa> page = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			Row row = rows.get(i);
			String subject = Subjects.gmsa(row.domain(), gmsas.get(i).samAccountName());
			List<Drift> its = driftBySubject.getOrDefault(subject, List.of());
			page.add(new InventoryGmsa(row.connection(), row.domain(), gmsas.get(i), its,
					findingsBySubject.getOrDefault(subject, List.of()),
					InventoryGmsa.run(runs, row.domain(), gmsas.get(i).samAccountName(), its)));
		}
		return page;
	}

	private static String where(long snapshotId, GmsaQuery query, List<Object> params) {
		StringBuilder where = new StringBuilder(" WHERE snapshot_id = ?");
		params.add(snapshotId);
		String name = query.name();
		if (name != null && !name.isBlank()) {
			// the key has no $: the name with it is matched, as the list shows it
			where.append(" AND (sam_account_name || '$') LIKE ? ESCAPE '!'");
			params.add("%" + like(name.strip().toLowerCase(Locale.ROOT)) + "%");
		}
		String domain = query.domain();
		if (domain != null && !domain.isBlank()) {
			where.append(" AND LOWER(domain) = ?");
			params.add(domain.strip().toLowerCase(Locale.ROOT));
		}
		Severity least = query.finding();
		if (least != null) {
			where.append(" AND worst_severity <= ?");
			params.add(least.ordinal());
		}
		Boolean drift = query.drift();
		if (drift != null) {
			where.append(drift ? " AND drift_count > 0" : " AND drift_count = 0");
		}
		return where.toString();
	}

	private static String order(GmsaQuery query) {
		String column = switch (query.sort()) {
			case NAME -> "sam_account_name";
			case DOMAIN -> "LOWER(domain)";
			case OU -> "ou_key";
			case RETRIEVERS -> "retriever_count";
			case FINDINGS -> "finding_count";
			case DRIFT -> "drift_count";
		};
		return column + (query.descending() ? " DESC" : "") + ", connection, sam_account_name";
	}

	static String like(String text) {
		return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
	}

	private static String lower(@Nullable String subject) {
		return String.valueOf(subject).toLowerCase(Locale.ROOT);
	}

}
