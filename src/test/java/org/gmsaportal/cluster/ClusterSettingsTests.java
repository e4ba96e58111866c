package org.gmsaportal.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Cluster connections bind from properties, are validated, and a bad kubeconfig is reported without its content.
 */
class ClusterSettingsTests {

	private static final String KUBECONFIG = """
			apiVersion: v1
			kind: Config
			clusters:
			- name: lab
			  cluster:
			    server: https://lab-api.contoso.com:6443
			    insecure-skip-tls-verify: true
			users:
			- name: portal
			  user:
			    token: kubeconfig-token-never-shown
			contexts:
			- name: lab-admin
			  context: {cluster: lab, user: portal}
			current-context: lab-admin
			""";

	@Test
	void connectionsBindWithDefaultTimeouts(@TempDir Path dir) {
		ClusterSettings properties = bind(Map.of("gmsa.cluster.connections.lab.kubeconfig", dir.resolve("k").toString(),
				"gmsa.cluster.connections.lab.context", "lab-admin", "gmsa.cluster.connections.lab.request-timeout", "5s"));

		ClusterSettings.Connection lab = properties.connections().get("lab");
		assertThat(lab.context()).isEqualTo("lab-admin");
		assertThat(lab.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(lab.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(lab.platform()).isEqualTo(Platform.GENERIC);
	}

	@Test
	void aConnectionNamesItsPlatformAndTheFaceReportsIt(@TempDir Path dir) {
		ClusterSettings properties = bind(Map.of("gmsa.cluster.connections.aks.kubeconfig", dir.resolve("k").toString(),
				"gmsa.cluster.connections.aks.platform", "AKS_HCI"));
		ClusterConnections connections = new ClusterConnections(properties);

		assertThat(connections.platform("aks")).isEqualTo(Platform.AKS_HCI);
		assertThat(connections.platform("not-configured")).isEqualTo(Platform.GENERIC);
	}

	@Test
	void aConnectionNeedsExactlyOneCredentialSource() {
		try (LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean()) {
			validator.afterPropertiesSet();
			ClusterSettings both = new ClusterSettings(Map.of("lab", new ClusterSettings.Connection(Path.of("k"), null,
					true, Duration.ofSeconds(10), Duration.ofSeconds(30), Platform.GENERIC)));
			ClusterSettings neither = new ClusterSettings(Map.of("lab", new ClusterSettings.Connection(null, null,
					false, Duration.ofSeconds(10), Duration.ofSeconds(30), Platform.GENERIC)));

			assertThat(validator.validate(both)).singleElement()
				.satisfies((v) -> assertThat(v.getMessage()).contains("either kubeconfig or in-cluster=true"));
			assertThat(validator.validate(neither)).hasSize(1);
		}
	}

	@Test
	void aKubeconfigContextBecomesAClientWithTheConfiguredTimeouts(@TempDir Path dir) throws Exception {
		Path file = Files.writeString(dir.resolve("config"), KUBECONFIG);
		ConfiguredClusterClients clients = new ConfiguredClusterClients(new ClusterSettings(Map.of("lab",
				new ClusterSettings.Connection(file, "lab-admin", false, Duration.ofSeconds(3), Duration.ofSeconds(7), Platform.GENERIC))));

		var client = clients.forConnection("lab");

		assertThat(client.getConfiguration().getMasterUrl()).startsWith("https://lab-api.contoso.com:6443");
		assertThat(client.getConfiguration().getConnectionTimeout()).isEqualTo(3000);
		assertThat(client.getConfiguration().getRequestTimeout()).isEqualTo(7000);
		clients.destroy();
	}

	@Test
	void unknownConnectionsAndUnreadableKubeconfigsTellTheAdminWhatToSet(@TempDir Path dir) throws Exception {
		Path file = Files.writeString(dir.resolve("config"), KUBECONFIG);
		ConfiguredClusterClients clients = new ConfiguredClusterClients(new ClusterSettings(Map.of("lab",
				new ClusterSettings.Connection(file, "no-such-context", false, Duration.ofSeconds(3), Duration.ofSeconds(7), Platform.GENERIC))));

		assertThatExceptionOfType(ClusterOperationException.class).isThrownBy(() -> clients.forConnection("prod"))
			.withMessageContaining("gmsa.cluster.connections.prod.kubeconfig");
		assertThatExceptionOfType(ClusterOperationException.class).isThrownBy(() -> clients.forConnection("lab"))
			.withMessageContaining("contains the context 'no-such-context'")
			.withMessageNotContaining("kubeconfig-token-never-shown");
	}

	private static ClusterSettings bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("gmsa.cluster", ClusterSettings.class);
	}

	@Test
	void inClusterOutsideAPodSaysSoInsteadOfFallingBackToAnotherConfig() {
		// The in-cluster path reads only the pod's service account, never ~/.kube/config or the environment.
		org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("KUBERNETES_SERVICE_HOST") == null);
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> ConfiguredClusterClients.inClusterConfig("prod"))
			.isInstanceOf(ClusterOperationException.class)
			.hasMessageContaining("not running in a Kubernetes pod");
	}

}
