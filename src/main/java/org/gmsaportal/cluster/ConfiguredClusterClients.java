package org.gmsaportal.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Builds one fabric8 client per configured connection from its kubeconfig or in-cluster service account.
 */
@Component
class ConfiguredClusterClients implements ClusterClients, DisposableBean {

	private final ClusterProperties properties;

	private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();

	ConfiguredClusterClients(ClusterProperties properties) {
		this.properties = properties;
	}

	@Override
	public KubernetesClient forConnection(String connection) {
		ClusterProperties.Connection settings = this.properties.connections().get(connection);
		if (settings == null) {
			throw new ClusterOperationException("No cluster connection named '" + connection
					+ "' is configured: add gmsa.cluster.connections." + connection + ".kubeconfig (or .in-cluster=true).");
		}
		return this.clients.computeIfAbsent(connection, (name) -> build(name, settings));
	}

	private KubernetesClient build(String name, ClusterProperties.Connection settings) {
		Config config;
		try {
			// autoConfigure(null) is fabric8's in-cluster path: service account token and CA from the pod.
			config = settings.inCluster() ? Config.autoConfigure(null)
					: Config.fromKubeconfig(settings.context(), settings.kubeconfig().toFile());
			// fabric8 falls back to the current context on a typo: that could be another cluster entirely.
			if (settings.context() != null && (config.getCurrentContext() == null
					|| !settings.context().equals(config.getCurrentContext().getName()))) {
				throw new IllegalArgumentException("context not found");
			}
		}
		catch (RuntimeException ex) {
			// The kubeconfig may hold tokens: name the file, never echo its content or the parser's message.
			throw new ClusterOperationException("The kubeconfig for cluster connection '" + name
					+ "' could not be read: check that " + settings.kubeconfig() + " exists, is readable by the portal"
					+ " and contains the context '" + settings.context() + "'.");
		}
		config.setConnectionTimeout((int) settings.connectTimeout().toMillis());
		config.setRequestTimeout((int) settings.requestTimeout().toMillis());
		return new KubernetesClientBuilder().withConfig(config).build();
	}

	@Override
	public void destroy() {
		this.clients.values().forEach(KubernetesClient::close);
	}

}
