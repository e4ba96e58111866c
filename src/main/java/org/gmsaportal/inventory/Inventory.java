package org.gmsaportal.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gmsaportal.cluster.ClusterListing;
import org.gmsaportal.directory.DirectoryListing;
import org.gmsaportal.provisioning.InventoryEntry;
import org.jspecify.annotations.Nullable;

/**
 * The inventory's face for the front doors (pages and API): snapshots to read, and a refresh to ask for.
 */
public interface Inventory {

	/** The newest snapshot, if one was taken. */
	Optional<InventorySnapshot> latest();

	/** The newest snapshot taken at or before {@code when}: the "as of" view. */
	Optional<InventorySnapshot> asOf(Instant when);

	/**
	 * The newest snapshot, or the newest taken at or before {@code asOf}, to be read a part at a time: what every page
	 * and the API use, so that no view holds the snapshot whole. This default wraps {@link #latest}/{@link #asOf};
	 * the service reads its header and each part in SQL.
	 */
	default Optional<KeptSnapshot> kept(@Nullable Instant asOf) {
		return ((asOf != null) ? asOf(asOf) : latest()).map(KeptSnapshot::of);
	}

	/** The header alone of the snapshot {@link #kept} would pick (the dashboards' live summary). */
	default Optional<SnapshotHeader> header(@Nullable Instant asOf) {
		return kept(asOf).map(KeptSnapshot::header);
	}

	/** Reads every connection now, assesses, keeps and audits the snapshot, and returns it. */
	InventorySnapshot refresh();

	/**
	 * What the newest snapshot says about one run: the drift of what it made, and the findings on its gMSA (by name)
	 * and on the credential specs that name it. Empty when no snapshot was taken yet.
	 */
	Optional<Assessment> ofRun(String runId);

	/**
	 * What the newest snapshot says about one gMSA, by account name (with or without {@code $}, any case, any domain):
	 * its drift and findings, and those of the credential specs that name it. Empty when no snapshot was taken yet.
	 */
	Optional<Assessment> ofGmsa(String gmsaName);

	/**
	 * One page of the snapshot's gMSAs that match the query, with the portal's runs from {@code records}. This
	 * default filters the snapshot in memory; the service filters, sorts and pages in SQL, reading one page.
	 */
	default GmsaPage gmsas(InventorySnapshot snapshot, List<InventoryEntry> records, GmsaQuery query, int page,
			int size) {
		return GmsaPage.of(query.apply(InventoryGmsa.of(snapshot, records)), page, size);
	}

	/** The domains of the snapshot's gMSAs, sorted (the list's filter choices). */
	default List<String> domains(InventorySnapshot snapshot) {
		return snapshot.directories().stream().filter((d) -> !d.gmsas().isEmpty())
			.map(DirectoryListing::domain).distinct().sorted().toList();
	}

	/** The snapshot's gMSA of that connection and name (with or without its {@code $}, any case). */
	default Optional<InventoryGmsa> gmsa(InventorySnapshot snapshot, List<InventoryEntry> records, String connection,
			String name) {
		return InventoryGmsa.find(InventoryGmsa.of(snapshot, records), connection, name);
	}

	/**
	 * Every gMSA webhook certificate a snapshot's cluster listings hold, judged against now and
	 * {@code gmsa.inventory.webhook-certificate-warning}: soonest expiry first, those that could not be read last.
	 */
	List<WebhookExpiry> webhookCertificates(List<ClusterListing> clusters);

	/**
	 * The newest snapshot's webhook certificates that expired or expire within the warning window, soonest first;
	 * reads only its cluster listings, never its gMSAs.
	 */
	List<WebhookExpiry> webhookCertificatesDue();

	/**
	 * The newest {@code max} snapshots in a few numbers each, newest first: the "as of" choices and the inventory
	 * over time. This default walks {@link #asOf} back one snapshot at a time, loading each whole; the service
	 * overrides it with one query over its snapshot table.
	 */
	default List<SnapshotSummary> history(int max) {
		List<SnapshotSummary> summaries = new ArrayList<>();
		Optional<InventorySnapshot> next = latest();
		while (next.isPresent() && summaries.size() < max) {
			InventorySnapshot snapshot = next.get();
			summaries.add(SnapshotSummary.of(snapshot));
			next = asOf(snapshot.takenAt().minusNanos(1)).filter(older -> older.id() < snapshot.id());
		}
		return summaries;
	}

}
