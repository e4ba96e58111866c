package org.gmsaportal.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.gmsaportal.cluster.ClusterListing;
import org.gmsaportal.directory.DirectoryListing;

/**
 * What every inventory page shows around its table, without the snapshot's rows: which snapshot, its counts and
 * what could not be read. The service reads it from the snapshot's own row, its listings (without their gMSAs and
 * credential specs) and one count of its findings by severity, so a page view never loads the snapshot whole.
 *
 * @param id the snapshot's number
 * @param takenAt when the refresh started
 * @param takenBy who asked for it ({@code system} for the schedule)
 * @param complete whether every directory and cluster was read whole
 * @param gmsas how many gMSAs its directory listings hold
 * @param credentialSpecs how many credential specs its cluster listings hold
 * @param drift how many drifts it holds
 * @param findings how many findings of each severity, every severity present
 * @param gaps each part of a connection that was not read, and why
 */
public record SnapshotHeader(long id, Instant takenAt, String takenBy, boolean complete, int gmsas,
		int credentialSpecs, int drift, Map<Severity, Long> findings, List<Gap> gaps) {

	public SnapshotHeader {
		Map<Severity, Long> all = new EnumMap<>(Severity.class);
		for (Severity severity : Severity.values()) {
			all.put(severity, findings.getOrDefault(severity, 0L));
		}
		findings = java.util.Collections.unmodifiableMap(all);
		gaps = List.copyOf(gaps);
	}

	/**
	 * Why a part of the snapshot is missing.
	 *
	 * @param kind {@code directory} or {@code cluster}
	 * @param connection the connection's name
	 * @param reason what the reader said
	 */
	public record Gap(String kind, String connection, String reason) {
	}

	/** How many findings it holds. */
	public long findingCount() {
		return this.findings.values().stream().mapToLong(Long::longValue).sum();
	}

	/** The header of a snapshot held whole (what the face's defaults and the tests use). */
	public static SnapshotHeader of(InventorySnapshot snapshot) {
		Map<Severity, Long> findings = new EnumMap<>(Severity.class);
		snapshot.findings().forEach((f) -> findings.merge(f.severity(), 1L, Long::sum));
		int gmsas = snapshot.directories().stream().mapToInt((DirectoryListing d) -> d.gmsas().size()).sum();
		int specs = snapshot.clusters().stream().mapToInt((c) -> c.credentialSpecs().size()).sum();
		return new SnapshotHeader(snapshot.id(), snapshot.takenAt(), snapshot.takenBy(), snapshot.complete(), gmsas,
				specs, snapshot.drift().size(), findings, gaps(snapshot.directories(), snapshot.clusters()));
	}

	/** The listings' own gaps, directories first, in the snapshot's order (a gMSA's own gaps are on its row). */
	static List<Gap> gaps(List<DirectoryListing> directories, List<ClusterListing> clusters) {
		List<Gap> gaps = new ArrayList<>();
		for (DirectoryListing listing : directories) {
			listing.incomplete().forEach((reason) -> gaps.add(new Gap("directory", listing.connection(), reason)));
		}
		for (ClusterListing listing : clusters) {
			listing.incomplete().forEach((reason) -> gaps.add(new Gap("cluster", listing.connection(), reason)));
		}
		return gaps;
	}

}
