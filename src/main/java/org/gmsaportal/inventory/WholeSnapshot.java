package org.gmsaportal.inventory;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.gmsaportal.cluster.ClusterListing;
import org.gmsaportal.directory.DirectoryListing;
import org.gmsaportal.provisioning.InventoryEntry;

/** A {@link KeptSnapshot} answered in memory from the snapshot held whole: the reference the SQL answers match. */
record WholeSnapshot(InventorySnapshot snapshot) implements KeptSnapshot {

	@Override
	public SnapshotHeader header() {
		return SnapshotHeader.of(this.snapshot);
	}

	private List<InventoryGmsa> matching(List<InventoryEntry> records, GmsaQuery query) {
		return query.apply(InventoryGmsa.of(this.snapshot, records));
	}

	@Override
	public GmsaPage gmsas(List<InventoryEntry> records, GmsaQuery query, int page, int size) {
		return GmsaPage.of(matching(records, query), page, size);
	}

	@Override
	public List<InventoryGmsa> gmsasFrom(List<InventoryEntry> records, GmsaQuery query, long offset, int limit) {
		return matching(records, query).stream().skip(offset).limit(limit).toList();
	}

	@Override
	public int gmsaCount(GmsaQuery query) {
		return matching(List.of(), query).size();
	}

	@Override
	public void eachGmsa(List<InventoryEntry> records, GmsaQuery query, Consumer<InventoryGmsa> each) {
		matching(records, query).forEach(each);
	}

	@Override
	public List<String> domains() {
		return this.snapshot.directories().stream().filter((d) -> !d.gmsas().isEmpty())
			.map(DirectoryListing::domain).distinct().sorted().toList();
	}

	@Override
	public Optional<InventoryGmsa> gmsa(List<InventoryEntry> records, String connection, String name) {
		return InventoryGmsa.find(InventoryGmsa.of(this.snapshot, records), connection, name);
	}

	@Override
	public List<InventoryGmsa> named(List<InventoryEntry> records, String name) {
		return InventoryGmsa.named(InventoryGmsa.of(this.snapshot, records), name);
	}

	@Override
	public List<Finding> findings(FindingQuery query, long offset, int limit) {
		return query.apply(this.snapshot.findings()).stream().skip(offset).limit(limit).toList();
	}

	@Override
	public int findingCount(FindingQuery query) {
		return query.apply(this.snapshot.findings()).size();
	}

	@Override
	public void eachFinding(FindingQuery query, Consumer<Finding> each) {
		query.apply(this.snapshot.findings()).forEach(each);
	}

	@Override
	public List<Drift> drift() {
		return this.snapshot.drift();
	}

	@Override
	public List<DirectoryListing> directories() {
		return this.snapshot.directories().stream().map((d) -> new DirectoryListing(d.connection(), d.domain(),
				d.readAt(), List.of(), d.kdsRootKeys(), d.users(), d.incomplete())).toList();
	}

	@Override
	public List<ClusterListing> clusters() {
		return this.snapshot.clusters();
	}

}
