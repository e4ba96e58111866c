package org.gmsaportal.cluster;

import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import org.gmsaportal.support.AuditRecorder;
import org.gmsaportal.support.MockCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decommission of the webhook the portal installed, end state in fabric8's mock API server in CRUD mode (a real
 * API server cannot run on these machines): it goes only with the last credential spec, and only if it is the
 * portal's; the CRD and the namespace always stay.
 */
class WebhookRemovalTests {

	private final AuditRecorder audit = new AuditRecorder();

	private MockCluster cluster;

	private ClusterWebhooks webhooks;

	@BeforeEach
	void startCluster() {
		this.cluster = MockCluster.start().with("nodes.yaml");
		this.webhooks = new ClusterWebhooks((name) -> this.cluster.client, this.audit, WebhookSettings.defaults());
	}

	@AfterEach
	void stopCluster() {
		this.cluster.close();
	}

	@Test
	void thePortalsWebhookStaysWhileACredentialSpecRemainsAndGoesWithTheLast() {
		install();
		this.cluster.client.genericKubernetesResources(GmsaCrd.context("v1")).resource(new GenericKubernetesResourceBuilder()
			.withApiVersion("windows.k8s.io/v1").withKind(GmsaCrd.KIND).withNewMetadata().withName("gmsa-other").endMetadata()
			.addToAdditionalProperties("credspec", Map.of("CmsPlugins", java.util.List.of("ActiveDirectory")))
			.build()).create();

		DecommissionReport kept = this.webhooks.remove("lab", "run-9");

		assertThat(kept.outcomes()).singleElement().satisfies((o) -> {
			assertThat(o.result()).isEqualTo(DecommissionReport.Result.LEFT_ALONE);
			assertThat(o.explanation()).contains("Credential specs remain (gmsa-other)");
		});
		assertThat(mutating()).isNotNull();

		this.cluster.client.genericKubernetesResources(GmsaCrd.context("v1")).withName("gmsa-other").delete();
		DecommissionReport removed = this.webhooks.remove("lab", "run-9");

		assertThat(removed.outcomes()).extracting((o) -> o.result() + " " + o.object()).containsExactly(
				"DELETED MutatingWebhookConfiguration gmsa-webhook", "DELETED ValidatingWebhookConfiguration gmsa-webhook",
				"DELETED Service gmsa-webhook/gmsa-webhook", "DELETED Deployment gmsa-webhook/gmsa-webhook",
				"DELETED Secret gmsa-webhook/gmsa-webhook-server-cert",
				"DELETED ClusterRoleBinding gmsa-webhook-gmsa-webhook-rbac-role",
				"DELETED ClusterRole gmsa-webhook-gmsa-webhook-rbac-role", "DELETED ServiceAccount gmsa-webhook/gmsa-webhook",
				"LEFT_ALONE Namespace gmsa-webhook", "LEFT_ALONE CustomResourceDefinition gmsacredentialspecs.windows.k8s.io");
		assertThat(mutating()).isNull();
		assertThat(this.cluster.client.apiextensions().v1().customResourceDefinitions().withName(GmsaCrd.NAME).get())
			.isNotNull();
		assertThat(this.cluster.client.namespaces().withName("gmsa-webhook").get()).isNotNull();
		assertThat(this.audit.actions()).contains("cluster.object.delete.intent", "cluster.object.delete");
	}

	@Test
	void aWebhookSomeoneElseInstalledIsNeverRemovedAndTheReportSaysSo() {
		this.cluster.with("gmsa-crd.yaml").with("gmsa-webhook.yaml");

		DecommissionReport report = this.webhooks.remove("lab", "run-9");

		assertThat(report.outcomes()).singleElement().satisfies((o) -> {
			assertThat(o.result()).isEqualTo(DecommissionReport.Result.LEFT_ALONE);
			assertThat(o.explanation()).contains("not installed by the portal");
		});
		assertThat(mutating()).isNotNull();
		assertThat(this.audit.events).isEmpty();
	}

	private void install() {
		this.cluster.client.discovery().v1().endpointSlices().inNamespace("gmsa-webhook").resource(new EndpointSliceBuilder()
			.withNewMetadata().withName("gmsa-webhook-abcde").withNamespace("gmsa-webhook")
			.addToLabels("kubernetes.io/service-name", "gmsa-webhook").endMetadata()
			.withAddressType("IPv4")
			.addNewEndpoint().withAddresses("10.244.1.30").endEndpoint()
			.build()).create();
		this.webhooks.install("lab", Platform.GENERIC, "run-7", null);
	}

	private Object mutating() {
		return this.cluster.client.admissionRegistration().v1().mutatingWebhookConfigurations().withName("gmsa-webhook")
			.get();
	}

}
