package org.gmsaportal.cluster;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.gmsaportal.support.AuditRecorder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The requests a real API server receives when the portal installs the webhook, in fabric8's mock server in
 * expectation mode (a real API server cannot run on these machines, and CRUD mode cannot answer these PATCHes):
 * server-side apply under the portal's field manager without force, and never an apply of a CRD.
 */
@EnableKubernetesMockClient
class WebhookApplyRequestTests {

	KubernetesMockServer server;

	KubernetesClient client;

	private final AuditRecorder audit = new AuditRecorder();

	@Test
	void theWebhookConfigurationIsAnApplyPatchUnderThePortalsFieldManagerWithoutForce() throws InterruptedException {
		HasMetadata mutating = manifests().stream().filter((o) -> o.getKind().equals("MutatingWebhookConfiguration"))
			.findFirst().orElseThrow();
		String path = "/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations/gmsa-webhook";
		this.server.expect().patch().withPath(path + "?fieldManager=gmsa-portal").andReturn(200, mutating).once();
		ObjectChange planned = new ObjectChange(ClusterObject.of(mutating), ObjectChange.Change.CREATE, List.of());

		new ServerSideApplier(new ClusterAudit(this.audit), java.util.Set.of()).apply(this.client, "lab", "run-1", null,
				mutating, planned);

		RecordedRequest patch = this.server.takeRequest(5, TimeUnit.SECONDS);
		assertThat(patch.getPath()).isEqualTo(path + "?fieldManager=gmsa-portal");
		assertThat(patch.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
		assertThat(patch.getBody().readUtf8()).contains("\"path\":\"/mutate\"", "\"failurePolicy\":\"Fail\"");
	}

	@Test
	void noApplierEverAppliesACrdNotEvenTheInstallsOne() {
		ServerSideApplier installs = new ServerSideApplier(new ClusterAudit(this.audit), java.util.Set.of());

		assertThatIllegalStateException().isThrownBy(() -> installs.dryRun(this.client, WebhookCrd.build()))
			.withMessageContaining("never writes CustomResourceDefinition");
		assertThatIllegalStateException()
			.isThrownBy(() -> new ServerSideApplier(new ClusterAudit(this.audit)).dryRun(this.client, manifests().stream()
				.filter((o) -> o.getKind().equals("ValidatingWebhookConfiguration")).findFirst().orElseThrow()))
			.withMessageContaining("never writes ValidatingWebhookConfiguration");
		assertThat(this.audit.events).isEmpty();
	}

	private static List<HasMetadata> manifests() {
		return WebhookManifests.build(WebhookSettings.defaults(), new WebhookManifests.Tls(
				new WebhookCertificates.Issued("ca", "certificate", "key")));
	}

}
