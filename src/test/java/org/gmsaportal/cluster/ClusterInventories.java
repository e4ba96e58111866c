package org.gmsaportal.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The cluster module's inventory reader over one client (the fabric8 mock's), for the inventory module's tests:
 * the reader itself is package-private, and the inventory reaches it through its face.
 */
public final class ClusterInventories {

	private ClusterInventories() {
	}

	public static ClusterInventory over(KubernetesClient client) {
		return new ClusterInventoryReader((connection) -> client);
	}

}
