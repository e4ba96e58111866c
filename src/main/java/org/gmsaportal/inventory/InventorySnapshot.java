package org.gmsaportal.inventory;

import java.time.Instant;
import java.util.List;

import org.gmsaportal.cluster.ClusterListing;
import org.gmsaportal.directory.DirectoryListing;

/**
 * One refresh, as kept in the database: the live listings, the drift and the findings, each drift and finding with
 * the first snapshot that had it.
 *
 * @param id the snapshot's number, increasing
 * @param takenAt when the refresh started
 * @param takenBy who asked for it ({@code system} for the schedule)
 * @param directories one listing per directory connection
 * @param clusters one listing per cluster connection
 * @param drift what drifted from the portal's records
 * @param findings risky settings
 */
public record InventorySnapshot(long id, Instant takenAt, String takenBy, List<DirectoryListing> directories,
		List<ClusterListing> clusters, List<Drift> drift, List<Finding> findings) {

	public InventorySnapshot {
		directories = List.copyOf(directories);
		clusters = List.copyOf(clusters);
		drift = List.copyOf(drift);
		findings = List.copyOf(findings);
	}

	/** Whether every directory and cluster was read whole. */
	public boolean complete() {
		return this.directories.stream().allMatch(DirectoryListing::complete)
				&& this.clusters.stream().allMatch(ClusterListing::complete);
	}

}
