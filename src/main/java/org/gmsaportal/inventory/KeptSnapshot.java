package org.gmsaportal.inventory;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.gmsaportal.cluster.ClusterListing;
import org.gmsaportal.directory.DirectoryListing;
import org.gmsaportal.provisioning.InventoryEntry;

/**
 * One kept snapshot as the pages and the API read it: its header, and each part a view needs, filtered, sorted and
 * paged where the view pages. The service's answers read that part in SQL and never the snapshot whole;
 * {@link #of(InventorySnapshot)} answers the same questions from a snapshot held whole (the tests' reference).
 */
public interface KeptSnapshot {

	SnapshotHeader header();

	/** One page of the gMSAs that match, with the portal's runs from {@code records}. */
	GmsaPage gmsas(List<InventoryEntry> records, GmsaQuery query, int page, int size);

	/** The gMSAs that match from position {@code offset}, at most {@code limit} (the API's cursor). */
	List<InventoryGmsa> gmsasFrom(List<InventoryEntry> records, GmsaQuery query, long offset, int limit);

	/** How many gMSAs match. */
	int gmsaCount(GmsaQuery query);

	/** Every gMSA that matches, in the query's order, handed on a batch at a time (the exports). */
	void eachGmsa(List<InventoryEntry> records, GmsaQuery query, Consumer<InventoryGmsa> each);

	/** The domains of its gMSAs, sorted (the list's filter choices). */
	List<String> domains();

	/** Its gMSA of that connection and name (with or without its {@code $}, any case). */
	Optional<InventoryGmsa> gmsa(List<InventoryEntry> records, String connection, String name);

	/** Its gMSAs of that name in any connection (with or without its {@code $}, any case). */
	List<InventoryGmsa> named(List<InventoryEntry> records, String name);

	/** The findings that match from position {@code offset}, at most {@code limit}, in {@link FindingQuery#ORDER}. */
	List<Finding> findings(FindingQuery query, long offset, int limit);

	/** How many findings match. */
	int findingCount(FindingQuery query);

	/** Every finding that matches, in {@link FindingQuery#ORDER}, read a batch at a time (the exports). */
	void eachFinding(FindingQuery query, Consumer<Finding> each);

	/** Every drift, in the order the assessors gave it. */
	List<Drift> drift();

	/** Its directory listings without their gMSAs: the KDS root keys and portable users. */
	List<DirectoryListing> directories();

	/** Its cluster listings with their credential specs. */
	List<ClusterListing> clusters();

	/** The same answers from a snapshot held whole. */
	static KeptSnapshot of(InventorySnapshot snapshot) {
		return new WholeSnapshot(snapshot);
	}

}
