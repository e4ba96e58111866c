package org.gmsaportal.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Hands out the fabric8 client of a configured cluster connection.
 */
@FunctionalInterface
interface ClusterClients {

	/**
	 * @param connection the connection name from {@code gmsa.cluster.connections}
	 * @return a client for that cluster
	 * @throws ClusterOperationException if no such connection is configured or its kubeconfig is unusable
	 */
	KubernetesClient forConnection(String connection);

}
