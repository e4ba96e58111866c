package org.gmsaportal.inventory;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import org.gmsaportal.cluster.ClusterOperationException;
import org.gmsaportal.cluster.ClusterInventory;
import org.gmsaportal.cluster.ClusterListing;
import org.gmsaportal.cluster.Clusters;
import org.gmsaportal.directory.Directory;
import org.gmsaportal.directory.DirectoryException;
import org.gmsaportal.directory.DirectoryInventory;
import org.gmsaportal.directory.DirectoryListing;
import org.gmsaportal.provisioning.InventoryEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Reads every configured directory and cluster connection through the inventory faces, one listing per connection
 * whatever happens: a connection that cannot be read at all is a listing with nothing in it and the reason, never
 * left out, so a snapshot never looks whole when it is not.
 */
@Component
class ConnectionReads {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionReads.class);

	private final Directory directory;

	private final Clusters clusters;

	private final DirectoryInventory directoryInventory;

	private final ClusterInventory clusterInventory;

	private final Clock clock;

	ConnectionReads(Directory directory, Clusters clusters, DirectoryInventory directoryInventory,
			ClusterInventory clusterInventory, Clock clock) {
		this.directory = directory;
		this.clusters = clusters;
		this.directoryInventory = directoryInventory;
		this.clusterInventory = clusterInventory;
		this.clock = clock;
	}

	/** One listing per directory connection, asked for the portable users the records name in its domain. */
	List<DirectoryListing> directories(List<InventoryEntry> records) {
		return this.directory.connections().stream().map((connection) -> {
			List<String> users = records.stream()
				.filter((r) -> r.domain().equalsIgnoreCase(connection.domain()))
				.map(InventoryEntry::portableUser).filter(Objects::nonNull).distinct().toList();
			if (connection.refusal() != null) {
				return unread(connection.name(), connection.domain(), connection.refusal());
			}
			try {
				return this.directoryInventory.read(connection.name(), users);
			}
			catch (DirectoryException ex) {
				return unread(connection.name(), connection.domain(), ex.getMessage());
			}
			catch (RuntimeException ex) {
				logger.warn("Inventory of directory connection {} failed", connection.name(), ex);
				return unread(connection.name(), connection.domain(), unexpected(ex));
			}
		}).toList();
	}

	/** One listing per cluster connection. */
	List<ClusterListing> clusters() {
		return this.clusters.connections().stream().map((connection) -> {
			try {
				return this.clusterInventory.read(connection.name());
			}
			catch (RuntimeException ex) {
				logger.warn("Inventory of cluster connection {} failed", connection.name(), ex);
				String reason = (ex instanceof ClusterOperationException) ? ex.getMessage() : unexpected(ex);
				return new ClusterListing(connection.name(), this.clock.instant(), List.of(), List.of(),
						List.of(ClusterListing.WHOLE + ": " + reason));
			}
		}).toList();
	}

	private DirectoryListing unread(String connection, String domain, String reason) {
		return new DirectoryListing(connection, domain, this.clock.instant(), List.of(), List.of(), List.of(),
				List.of("Directory: " + reason));
	}

	// A message of an unexpected failure may quote anything (a server's answer): the log has it, the snapshot not.
	private static String unexpected(RuntimeException ex) {
		return "could not be read (" + ex.getClass().getSimpleName() + "); the portal's log has the details";
	}

}
