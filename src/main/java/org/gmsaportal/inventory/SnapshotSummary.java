package org.gmsaportal.inventory;

import java.time.Instant;

import org.gmsaportal.directory.DirectoryListing;

/**
 * One snapshot in a few numbers, for the "inventory over time" chart and the "as of" selector, so that a history
 * does not load every snapshot whole.
 *
 * @param id the snapshot's number
 * @param takenAt when the refresh started
 * @param takenBy who asked for it ({@code system} for the schedule)
 * @param gmsas how many gMSAs its directory listings hold
 * @param credentialSpecs how many credential specs its cluster listings hold
 * @param drift how many drifts it holds
 * @param findings how many findings it holds
 * @param complete whether every directory and cluster was read whole
 */
public record SnapshotSummary(long id, Instant takenAt, String takenBy, int gmsas, int credentialSpecs, int drift,
		int findings, boolean complete) {

	public static SnapshotSummary of(InventorySnapshot snapshot) {
		int gmsas = snapshot.directories().stream().mapToInt((DirectoryListing d) -> d.gmsas().size()).sum();
		int specs = snapshot.clusters().stream().mapToInt(c -> c.credentialSpecs().size()).sum();
		return new SnapshotSummary(snapshot.id(), snapshot.takenAt(), snapshot.takenBy(), gmsas, specs,
				snapshot.drift().size(), snapshot.findings().size(), snapshot.complete());
	}

}
