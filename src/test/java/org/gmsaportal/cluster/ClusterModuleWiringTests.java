package org.gmsaportal.cluster;

import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.support.AuditRecorder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module's beans wire from properties alone (no cluster is contacted at start-up), and invalid connection
 * settings stop the application with a message naming the rule.
 */
class ClusterModuleWiringTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(ClusterModule.class)
		.withBean(AuditTrail.class, AuditRecorder::new);

	@Test
	void theModulesServicesStartWithOrWithoutConnections() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(ClusterDeployments.class)
			.hasSingleBean(ClusterPreflight.class)
			.hasSingleBean(ClusterVerification.class)
			.hasSingleBean(ClusterWorkloads.class)
			.hasSingleBean(Clusters.class));
		this.runner.withPropertyValues("gmsa.cluster.connections.lab.in-cluster=true")
			.run((context) -> assertThat(context.getBean(ClusterSettings.class).connections()).containsKey("lab"));
	}

	@Test
	void aConnectionWithTwoCredentialSourcesStopsTheApplication() {
		this.runner.withPropertyValues("gmsa.cluster.connections.lab.in-cluster=true",
				"gmsa.cluster.connections.lab.kubeconfig=/etc/gmsa/lab.kubeconfig")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure().rootCause().hasMessageContaining("either kubeconfig or in-cluster=true"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ClusterSettings.class)
	@Import({ ConfiguredClusterClients.class, ClusterDeployments.class, ClusterPreflight.class,
			ClusterVerification.class, ClusterConnections.class, ClusterWorkloads.class, ClustersFacade.class })
	static class ClusterModule {

	}

}
