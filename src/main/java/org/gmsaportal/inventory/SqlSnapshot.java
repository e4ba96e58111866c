package org.gmsaportal.inventory;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongFunction;

import org.gmsaportal.cluster.ClusterListing;
import org.gmsaportal.directory.DirectoryListing;
import org.gmsaportal.provisioning.InventoryEntry;

/**
 * A kept snapshot read a part at a time in SQL: each answer reads the rows it shows (and their drift and findings),
 * never the whole snapshot. A kept snapshot never changes, so offsets stay valid between reads; the exports read
 * {@link #BATCH} rows at a time, so their memory does not grow with the snapshot.
 */
final class SqlSnapshot implements KeptSnapshot {

	static final int BATCH = 500;

	private final SnapshotHeader header;

	private final SnapshotGmsas gmsas;

	private final SnapshotParts parts;

	SqlSnapshot(SnapshotHeader header, SnapshotGmsas gmsas, SnapshotParts parts) {
		this.header = header;
		this.gmsas = gmsas;
		this.parts = parts;
	}

	private long id() {
		return this.header.id();
	}

	@Override
	public SnapshotHeader header() {
		return this.header;
	}

	@Override
	public GmsaPage gmsas(List<InventoryEntry> records, GmsaQuery query, int page, int size) {
		return this.gmsas.page(id(), records, query, page, size);
	}

	@Override
	public List<InventoryGmsa> gmsasFrom(List<InventoryEntry> records, GmsaQuery query, long offset, int limit) {
		return this.gmsas.range(id(), records, query, offset, limit);
	}

	@Override
	public int gmsaCount(GmsaQuery query) {
		return this.gmsas.count(id(), query);
	}

	@Override
	public void eachGmsa(List<InventoryEntry> records, GmsaQuery query, Consumer<InventoryGmsa> each) {
		inBatches((offset) -> this.gmsas.range(id(), records, query, offset, BATCH), each);
	}

	@Override
	public List<String> domains() {
		return this.gmsas.domains(id());
	}

	@Override
	public Optional<InventoryGmsa> gmsa(List<InventoryEntry> records, String connection, String name) {
		return this.gmsas.one(id(), records, connection, name);
	}

	@Override
	public List<InventoryGmsa> named(List<InventoryEntry> records, String name) {
		return this.gmsas.named(id(), records, name);
	}

	@Override
	public List<Finding> findings(FindingQuery query, long offset, int limit) {
		return this.parts.findings(id(), query, offset, limit);
	}

	@Override
	public int findingCount(FindingQuery query) {
		return this.parts.findingCount(id(), query);
	}

	@Override
	public void eachFinding(FindingQuery query, Consumer<Finding> each) {
		inBatches((offset) -> this.parts.findings(id(), query, offset, BATCH), each);
	}

	/** Hands on every row {@code batchAt} reads, {@link #BATCH} at a time from offset 0, until a batch is short. */
	private static <T> void inBatches(LongFunction<List<T>> batchAt, Consumer<T> each) {
		for (long offset = 0;; offset += BATCH) {
			List<T> batch = batchAt.apply(offset);
			batch.forEach(each);
			if (batch.size() < BATCH) {
				return;
			}
		}
	}

	@Override
	public List<Drift> drift() {
		return this.parts.drift(id());
	}

	@Override
	public List<DirectoryListing> directories() {
		return this.parts.directories(id());
	}

	@Override
	public List<ClusterListing> clusters() {
		return this.parts.clusters(id());
	}

}
