package org.gmsaportal.cluster;

import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.gmsaportal.support.AuditRecorder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact requests a real API server receives for dry run and apply, checked with fabric8's mock server in
 * expectation mode (a real API server cannot run on these machines, and CRUD mode cannot answer these PATCHes).
 */
@EnableKubernetesMockClient
class ServerSideApplyRequestTests {

	KubernetesMockServer server;

	KubernetesClient client;

	private final AuditRecorder audit = new AuditRecorder();

	private final HasMetadata role = new ClusterRoleBuilder().withNewMetadata()
		.withName("gmsa-webapp01-gmsa-use")
		.endMetadata()
		.build();

	@Test
	void dryRunIsAnApplyPatchWithDryRunAllAndThePortalsFieldManager() throws InterruptedException {
		String path = "/apis/rbac.authorization.k8s.io/v1/clusterroles/gmsa-webapp01-gmsa-use";
		this.server.expect().get().withPath(path).andReturn(404, "").once();
		this.server.expect().patch().withPath(path + "?fieldManager=gmsa-portal&dryRun=All").andReturn(200, this.role).once();

		ObjectChange change = new ServerSideApplier(new ClusterAudit(this.audit)).dryRun(this.client, this.role);

		assertThat(change.change()).isEqualTo(ObjectChange.Change.CREATE);
		this.server.takeRequest(5, TimeUnit.SECONDS);
		RecordedRequest patch = this.server.takeRequest(5, TimeUnit.SECONDS);
		assertThat(patch.getMethod()).isEqualTo("PATCH");
		assertThat(patch.getPath()).isEqualTo(path + "?fieldManager=gmsa-portal&dryRun=All");
		assertThat(patch.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
		assertThat(this.audit.events).isEmpty();
	}

	@Test
	void applyIsAnApplyPatchWithoutForceSoConflictsReachTheAdmin() throws InterruptedException {
		String path = "/apis/rbac.authorization.k8s.io/v1/clusterroles/gmsa-webapp01-gmsa-use";
		this.server.expect().patch().withPath(path + "?fieldManager=gmsa-portal").andReturn(200, this.role).once();
		ObjectChange planned = new ObjectChange(ClusterObject.of(this.role), ObjectChange.Change.CREATE, java.util.List.of());

		new ServerSideApplier(new ClusterAudit(this.audit)).apply(this.client, "lab", "run-1", null, this.role, planned);

		RecordedRequest patch = this.server.takeRequest(5, TimeUnit.SECONDS);
		assertThat(patch.getPath()).isEqualTo(path + "?fieldManager=gmsa-portal");
		assertThat(patch.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
		assertThat(patch.getBody().readUtf8()).contains("\"kind\":\"ClusterRole\"").doesNotContain("resourceVersion");
		assertThat(this.audit.events).extracting(org.gmsaportal.audit.AuditEvent::action)
			.containsExactly("cluster.object.apply.intent", "cluster.object.apply");
		assertThat(this.audit.events.get(1)).satisfies((e) -> {
			assertThat(new java.util.HashMap<String, Object>(e.details())).containsEntry("kind", "ClusterRole").containsEntry("verb", "apply")
				.containsEntry("result", "created");
		});
	}

	@Test
	void coreDnsIsTheOnlyObjectAppliedWithForce() throws InterruptedException {
		HasMetadata coreDns = GmsaManifests.coreDns(".:53 {\n}\n");
		String path = "/api/v1/namespaces/kube-system/configmaps/coredns";
		this.server.expect().patch().withPath(path + "?fieldManager=gmsa-portal&force=true").andReturn(200, coreDns).once();
		ObjectChange planned = new ObjectChange(ClusterObject.of(coreDns), ObjectChange.Change.UPDATE, java.util.List.of());

		new ServerSideApplier(new ClusterAudit(this.audit)).apply(this.client, "lab", "run-1", null, coreDns, planned);

		assertThat(this.server.takeRequest(5, TimeUnit.SECONDS).getPath()).endsWith("&force=true");
	}

	@Test
	void aConflictIsTranslatedIntoWhatTheAdminShouldDoAndAudited() {
		String path = "/apis/rbac.authorization.k8s.io/v1/clusterroles/gmsa-webapp01-gmsa-use";
		this.server.expect().patch().withPath(path + "?fieldManager=gmsa-portal").andReturn(409, "").once();
		ObjectChange planned = new ObjectChange(ClusterObject.of(this.role), ObjectChange.Change.UPDATE, java.util.List.of());

		org.assertj.core.api.Assertions.assertThatExceptionOfType(ClusterOperationException.class)
			.isThrownBy(() -> new ServerSideApplier(new ClusterAudit(this.audit)).apply(this.client, "lab", "run-1", null,
					this.role, planned))
			.withMessageContaining("Another field manager owns the fields");
		assertThat(this.audit.events).hasSize(2).last()
			.satisfies((e) -> assertThat(e.outcome()).isEqualTo(org.gmsaportal.audit.AuditOutcome.FAILURE));
	}

	@Test
	void nothingIsSentWhenTheIntentCannotBeAudited() {
		ObjectChange planned = new ObjectChange(ClusterObject.of(this.role), ObjectChange.Change.CREATE, java.util.List.of());
		org.gmsaportal.audit.AuditTrail offline = (event) -> {
			throw new org.gmsaportal.audit.AuditUnavailableException("audit table offline", new IllegalStateException());
		};
		int before = this.server.getRequestCount();

		org.assertj.core.api.Assertions.assertThatExceptionOfType(org.gmsaportal.audit.AuditUnavailableException.class)
			.isThrownBy(() -> new ServerSideApplier(new ClusterAudit(offline)).apply(this.client, "lab", "run-1", null,
					this.role, planned));
		assertThat(this.server.getRequestCount()).isEqualTo(before);
	}

}
