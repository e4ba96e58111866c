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
	void theWebhookInstallDefaultsToTheUpstreamReleaseAndRefusesAMalformedImage() {
		this.runner.run((context) -> {
			WebhookSettings settings = context.getBean(WebhookSettings.class);
			assertThat(settings).isEqualTo(WebhookSettings.defaults());
			assertThat(settings.image()).isEqualTo("registry.k8s.io/gmsa-webhook/k8s-gmsa-webhook:v0.13.0");
		});
		this.runner.withPropertyValues("gmsa.cluster.webhook.image=my registry/webhook:1")
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause()
				.hasMessageContaining("gmsa.cluster.webhook.image").hasMessageContaining("must be an image reference"));
		this.runner.withPropertyValues("gmsa.cluster.webhook.certificate-validity=20d")
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause()
				.hasMessageContaining("certificate-validity must be longer than 30 days"));
	}

	@Test
	void aConnectionWithTwoCredentialSourcesStopsTheApplication() {
		this.runner.withPropertyValues("gmsa.cluster.connections.lab.in-cluster=true",
				"gmsa.cluster.connections.lab.kubeconfig=/etc/gmsa/lab.kubeconfig")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure().rootCause().hasMessageContaining("either kubeconfig or in-cluster=true"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ ClusterSettings.class, WebhookSettings.class })
	@Import({ ConfiguredClusterClients.class, ClusterDeployments.class, ClusterPreflight.class,
			ClusterVerification.class, ClusterConnections.class, ClustersFacade.class, ClusterWebhooks.class,
			ClusterWorkloads.class, ClusterSecrets.class })
	static class ClusterModule {

	}

}
