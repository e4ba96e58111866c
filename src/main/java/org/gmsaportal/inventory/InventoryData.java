package org.gmsaportal.inventory;

import java.util.List;

import org.gmsaportal.cluster.ClusterListing;
import org.gmsaportal.directory.DirectoryListing;
import org.gmsaportal.provisioning.InventoryEntry;

/**
 * What one refresh read: the live listings and the portal's own records of what it made.
 *
 * @param directories one listing per directory connection
 * @param clusters one listing per cluster connection
 * @param records the portal's records (succeeded runs not decommissioned)
 */
public record InventoryData(List<DirectoryListing> directories, List<ClusterListing> clusters,
		List<InventoryEntry> records) {

	public InventoryData {
		directories = List.copyOf(directories);
		clusters = List.copyOf(clusters);
		records = List.copyOf(records);
	}

}
