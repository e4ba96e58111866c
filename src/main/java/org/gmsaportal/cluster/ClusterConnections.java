package org.gmsaportal.cluster;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * The configured cluster connections, as the Connections page shows them. None means export-only mode.
 */
@Component
class ClusterConnections {

	private final ClusterSettings properties;

	ClusterConnections(ClusterSettings properties) {
		this.properties = properties;
	}

	/** Every configured connection, without any credential. */
	List<Clusters.ClusterSummary> all() {
		return this.properties.connections().entrySet().stream().map(entry -> {
			ClusterSettings.Connection c = entry.getValue();
			String source = c.inCluster() ? "in-cluster service account"
					: "kubeconfig " + c.kubeconfig() + ((c.context() != null) ? " (context " + c.context() + ")" : "");
			return new Clusters.ClusterSummary(entry.getKey(), source);
		}).toList();
	}

	/** The platform the connection is configured with; {@link Platform#GENERIC} for an unknown name. */
	Platform platform(String connection) {
		ClusterSettings.Connection settings = this.properties.connections().get(connection);
		return (settings != null) ? settings.platform() : Platform.GENERIC;
	}

}
