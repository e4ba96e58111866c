package org.gmsaportal.cluster;

/**
 * The read-only face the inventory uses: what a cluster holds now. Nothing here writes.
 */
public interface ClusterInventory {

	ClusterListing read(String connection);

}
