package org.gmsaportal.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Builds one fabric8 client per configured connection from its kubeconfig or in-cluster service account.
 */
@Component
class ConfiguredClusterClients implements ClusterClients, DisposableBean {

	private static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

	static final int REQUEST_RETRIES = 2;

	private final ClusterSettings properties;

	private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();

	ConfiguredClusterClients(ClusterSettings properties) {
		this.properties = properties;
	}

	@Override
	public KubernetesClient forConnection(String connection) {
		ClusterSettings.Connection settings = this.properties.connections().get(connection);
		if (settings == null) {
			throw new ClusterOperationException("No cluster connection named '" + connection
					+ "' is configured: add gmsa.cluster.connections." + connection + ".kubeconfig (or .in-cluster=true).");
		}
		return this.clients.computeIfAbsent(connection, (name) -> build(name, settings));
	}

	private KubernetesClient build(String name, ClusterSettings.Connection settings) {
		Config config;
		if (settings.inCluster()) {
			config = inClusterConfig(name);
		}
		else {
			config = kubeconfig(name, settings);
		}
		config.setConnectionTimeout((int) settings.connectTimeout().toMillis());
		config.setRequestTimeout((int) settings.requestTimeout().toMillis());
		// fabric8 retries a timed-out or failed request up to 10 times with doubling pauses: a 700 ms timeout took
		// 28 s to surface (ClusterTransportTests). Two retries still ride out a blip, and a run waits about three
		// request timeouts, not eleven, before it reports the cluster as unreachable.
		config.setRequestRetryBackoffLimit(REQUEST_RETRIES);
		// Named rather than found on the class path: the test class path also holds the mock server's Vert.x, and
		// production must run on the transport the tests exercise (ClusterTransportTests).
		return new KubernetesClientBuilder().withConfig(config)
			.withHttpClientFactory(new JdkHttpClientFactory())
			.build();
	}

	/**
	 * The pod's own service account and nothing else. fabric8's auto-configuration would also read system
	 * properties, environment variables and ~/.kube/config first, so a stray kubeconfig in the image could
	 * point the portal at another cluster or identity.
	 */
	static Config inClusterConfig(String name) {
		String host = System.getenv("KUBERNETES_SERVICE_HOST");
		String port = System.getenv("KUBERNETES_SERVICE_PORT");
		if (host == null || port == null) {
			throw new ClusterOperationException("Cluster connection '" + name + "' is set to in-cluster, but the "
					+ "portal is not running in a Kubernetes pod (KUBERNETES_SERVICE_HOST is not set): configure a kubeconfig.");
		}
		String address = host.contains(":") ? "[" + host + "]" : host;
		return new ConfigBuilder(Config.empty()).withMasterUrl("https://" + address + ":" + port)
			.withCaCertFile(SERVICE_ACCOUNT.resolve("ca.crt").toString())
			// Projected tokens rotate: read the file on every request rather than once.
			.withOauthTokenProvider(() -> readServiceAccountFile(name, "token"))
			.withNamespace(readServiceAccountFile(name, "namespace"))
			.build();
	}

	private static String readServiceAccountFile(String name, String file) {
		try {
			return Files.readString(SERVICE_ACCOUNT.resolve(file)).strip();
		}
		catch (IOException ex) {
			throw new ClusterOperationException("Cluster connection '" + name + "': the pod's service account "
					+ file + " cannot be read from " + SERVICE_ACCOUNT + "; is automountServiceAccountToken off?");
		}
	}

	private static Config kubeconfig(String name, ClusterSettings.Connection settings) {
		Config config;
		try {
			config = Config.fromKubeconfig(settings.context(), settings.kubeconfig().toFile());
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
		return config;
	}

	@Override
	public void destroy() {
		this.clients.values().forEach(KubernetesClient::close);
	}

}
