package org.gmsaportal.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientImpl;
import org.gmsaportal.support.MockCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The portal's cluster clients run on fabric8's JDK HTTP transport, and that transport carries a watch and
 * honours the connection's request timeout. Against the fabric8 mock server (no real API server can run here):
 * CRUD mode for the watch, an expectation with a delayed answer for the timeout.
 */
class ClusterTransportTests {

	private static final MockCluster cluster = MockCluster.start();

	private final ConfiguredClusterClients clients = new ConfiguredClusterClients(new ClusterSettings(Map.of("lab",
			new ClusterSettings.Connection(cluster.kubeconfig(), "mock", false, Duration.ofSeconds(5),
					Duration.ofMillis(700), Platform.GENERIC))));

	@AfterEach
	void closeClients() {
		this.clients.destroy();
	}

	@AfterAll
	static void stopCluster() {
		cluster.close();
	}

	@Test
	void theClientRunsOnTheJdkTransport() {
		assertThat(this.clients.forConnection("lab").getHttpClient()).isInstanceOf(JdkHttpClientImpl.class);
	}

	@Test
	void aWatchSeesObjectsCreatedAfterItStarted() throws Exception {
		KubernetesClient client = this.clients.forConnection("lab");
		BlockingQueue<String> seen = new LinkedBlockingQueue<>();
		try (Watch watch = client.configMaps().inNamespace("watched").watch(new Watcher<>() {
			@Override
			public void eventReceived(Action action, ConfigMap resource) {
				seen.add(action + " " + resource.getMetadata().getName());
			}

			@Override
			public void onClose(WatcherException cause) {
				seen.add("closed " + cause.getMessage());
			}
		})) {
			cluster.client.configMaps().inNamespace("watched").resource(configMap("first")).create();
			cluster.client.configMaps().inNamespace("watched").resource(configMap("second")).create();

			assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("ADDED first");
			assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("ADDED second");
		}
	}

	@Test
	void aSlowAnswerEndsInTheRequestTimeoutNotAHang() {
		cluster.server.expect().get().delay(5, TimeUnit.SECONDS)
			.withPath("/api/v1/namespaces/slow/configmaps/late")
			.andReturn(200, configMap("late"))
			.always();
		KubernetesClient client = this.clients.forConnection("lab");
		long started = System.nanoTime();

		assertThatExceptionOfType(KubernetesClientException.class)
			.isThrownBy(() -> client.configMaps().inNamespace("slow").withName("late").get());

		// 700 ms per attempt and two retries with short pauses; fabric8's own default of ten retries took 28 s.
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
	}

	private static ConfigMap configMap(String name) {
		return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("k", "v").build();
	}

}
