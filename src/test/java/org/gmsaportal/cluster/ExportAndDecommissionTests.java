package org.gmsaportal.cluster;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import org.gmsaportal.support.AuditRecorder;
import org.gmsaportal.support.MockCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Export equals apply, and decommission removes exactly a run's objects, checked in fabric8's mock API server
 * in CRUD mode (a real API server cannot run on these machines).
 */
class ExportAndDecommissionTests {

	private MockCluster cluster;

	private final AuditRecorder audit = new AuditRecorder();

	private ClusterDeployments deployments;

	@BeforeEach
	void startCluster() {
		this.cluster = MockCluster.start().with("gmsa-crd.yaml").with("coredns.yaml").with("unrelated-objects.yaml");
		this.deployments = new ClusterDeployments((name) -> this.cluster.client, this.audit);
	}

	@AfterEach
	void stopCluster() {
		this.cluster.close();
	}

	@Test
	void exportParsesAsKubernetesObjectsThatEqualWhatApplyCreates() {
		GmsaDeployment deployment = Fixtures.deployment("run-42");
		ExportBundle bundle = this.deployments.export(deployment, "lab", true);

		List<HasMetadata> exported = parse(bundle.yaml());
		this.deployments.apply("lab", deployment, null);

		assertThat(exported).hasSize(6);
		for (HasMetadata object : exported) {
			HasMetadata live = ServerSideApplier.resource(this.cluster.client, object).get();
			assertThat(ObjectDiff.between(live, object)).as("%s", ClusterObject.of(object)).isEmpty();
		}
		// Named after the GMSACredentialSpec, as the review, the run page and the API name it; its namespace is
		// not in it (a decommission would delete it with everything else there), and the bundle says so.
		assertThat(bundle.fileName()).isEqualTo("gmsa-webapp01-bundle.yaml");
		assertThat(bundle.yaml()).startsWith("# gmsa-webapp01-bundle.yaml: ")
			.contains("Namespace " + deployment.namespace() + " must exist before this bundle is applied");
		assertThat(exported).noneMatch(object -> "Namespace".equals(object.getKind()));
		assertThat(bundle.warnings())
			.anyMatch(w -> w.startsWith("Namespace " + deployment.namespace() + " must exist"));
		assertThat(bundle.kubectlCommands()).contains(
				"kubectl apply --server-side --field-manager=gmsa-portal --force-conflicts -f gmsa-webapp01-bundle.yaml",
				"kubectl delete clusterroles.rbac.authorization.k8s.io gmsa-webapp01-gmsa-use   # decommission",
				"kubectl delete gmsacredentialspecs.windows.k8s.io gmsa-webapp01   # decommission");
	}

	@Test
	void exportLeavesSecretValuesOutUnlessTheAdminChoseToIncludeThem() {
		ExportBundle withoutValues = this.deployments.export(Fixtures.deployment("run-42"), null, false);
		ExportBundle withValues = this.deployments.export(Fixtures.deployment("run-42"), null, true);

		String encoded = java.util.Base64.getEncoder().encodeToString(Fixtures.PASSWORD.getBytes(StandardCharsets.UTF_8));
		assertThat(withoutValues.yaml()).doesNotContain(Fixtures.PASSWORD).doesNotContain(encoded);
		Secret secret = (Secret) parse(withoutValues.yaml()).stream().filter(Secret.class::isInstance).findFirst().orElseThrow();
		// Only the password is left out; who the identity is, and its domain, are no secret.
		assertThat(secret.getStringData()).containsOnlyKeys("username", "password", "domainName")
			.containsEntry("password", BundleExporter.PLACEHOLDER)
			.doesNotContainEntry("username", BundleExporter.PLACEHOLDER)
			.doesNotContainEntry("domainName", BundleExporter.PLACEHOLDER);
		assertThat(withoutValues.warnings()).anyMatch((w) -> w.contains(BundleExporter.PLACEHOLDER));
		assertThat(withValues.yaml()).contains(encoded);
	}

	@Test
	void exportOnlyModeHandsTheCoreDnsBlockToTheAdmin() {
		ExportBundle bundle = this.deployments.export(Fixtures.deployment("run-42"), null, false);

		assertThat(parse(bundle.yaml())).extracting(HasMetadata::getKind).doesNotContain("ConfigMap");
		assertThat(bundle.coreDnsBlock()).contains("contoso.com:53 {", "forward . 10.0.0.4 10.0.0.5");
	}

	@Test
	void decommissionRemovesExactlyTheRunsObjectsInReverseOrder() {
		String corefileBefore = corefile();
		ApplyResult applied = this.deployments.apply("lab", Fixtures.deployment("run-42"), null);
		List<ClusterObject> recorded = applied.changes().stream().map(ObjectChange::object).toList();

		DecommissionReport report = this.deployments.decommission("lab", "run-42", recorded);

		assertThat(report.outcomes()).extracting((o) -> o.object().toString()).containsExactly(
				"Deployment app-ns/gmsa-demo", "ConfigMap kube-system/coredns", "Secret app-ns/webapp01-identity",
				"RoleBinding app-ns/allow-webapp-sa-use-gmsa-webapp01", "ClusterRole gmsa-webapp01-gmsa-use",
				"GMSACredentialSpec gmsa-webapp01");
		assertThat(report.outcomes()).extracting(DecommissionReport.Outcome::result)
			.containsOnly(DecommissionReport.Result.DELETED);
		var client = this.cluster.client;
		assertThat(client.genericKubernetesResources(GmsaCrd.context("v1")).list().getItems())
			.extracting((o) -> o.getMetadata().getName()).containsExactly("gmsa-legacyapp");
		assertThat(client.rbac().clusterRoles().list().getItems()).extracting((o) -> o.getMetadata().getName())
			.containsExactly("legacyapp-gmsa-user");
		assertThat(client.rbac().roleBindings().inNamespace("app-ns").list().getItems())
			.extracting((o) -> o.getMetadata().getName()).containsExactly("allow-legacy-sa-use-gmsa-legacyapp");
		assertThat(client.secrets().inAnyNamespace().list().getItems()).isEmpty();
		assertThat(client.apps().deployments().inAnyNamespace().list().getItems()).isEmpty();
		assertThat(corefile()).isEqualTo(corefileBefore);
		assertThat(client.apiextensions().v1().customResourceDefinitions().withName(GmsaCrd.NAME).get()).isNotNull();
	}

	@Test
	void decommissionLeavesAloneWhatIsNoLongerTheRunsOwn() {
		ApplyResult applied = this.deployments.apply("lab", Fixtures.deployment("run-42"), null);
		List<ClusterObject> recorded = applied.changes().stream().map(ObjectChange::object).toList();
		// Someone re-creates the ClusterRole from a copy (same labels, new uid) and the Secret without labels.
		this.cluster.client.rbac().clusterRoles().withName("gmsa-webapp01-gmsa-use").delete();
		this.cluster.client.resource(new io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder().withNewMetadata()
			.withName("gmsa-webapp01-gmsa-use").withLabels(GmsaManifests.labels(Fixtures.deployment("run-42")))
			.endMetadata().build()).create();
		this.cluster.client.secrets().inNamespace("app-ns").withName("webapp01-identity").delete();
		this.cluster.client.resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
			.withName("webapp01-identity").withNamespace("app-ns").endMetadata().build()).create();
		List<ClusterObject> withCrd = new java.util.ArrayList<>(List.of(new ClusterObject("apiextensions.k8s.io/v1",
				"CustomResourceDefinition", GmsaCrd.NAME, null, null)));
		withCrd.addAll(recorded);

		DecommissionReport report = this.deployments.decommission("lab", "run-42", withCrd);

		assertThat(report.outcomes()).filteredOn((o) -> o.object().kind().equals("ClusterRole")).singleElement()
			.satisfies((o) -> {
				assertThat(o.result()).isEqualTo(DecommissionReport.Result.LEFT_ALONE);
				assertThat(o.explanation()).contains("uid differs");
			});
		assertThat(report.outcomes()).filteredOn((o) -> o.object().kind().equals("Secret")).singleElement()
			.satisfies((o) -> {
				assertThat(o.result()).isEqualTo(DecommissionReport.Result.LEFT_ALONE);
				assertThat(o.explanation()).contains("does not carry this run's labels");
			});
		assertThat(this.cluster.client.secrets().inNamespace("app-ns").withName("webapp01-identity").get()).isNotNull();
		assertThat(report.outcomes()).filteredOn((o) -> o.object().kind().equals("CustomResourceDefinition"))
			.singleElement().satisfies((o) -> assertThat(o.result()).isEqualTo(DecommissionReport.Result.LEFT_ALONE));
		assertThat(this.cluster.client.rbac().clusterRoles().withName("gmsa-webapp01-gmsa-use").get()).isNotNull();
		assertThat(this.cluster.client.apiextensions().v1().customResourceDefinitions().withName(GmsaCrd.NAME).get())
			.isNotNull();

		DecommissionReport again = this.deployments.decommission("lab", "run-42", recorded);
		assertThat(again.outcomes()).extracting(DecommissionReport.Outcome::result)
			.doesNotContain(DecommissionReport.Result.DELETED);
	}

	private String corefile() {
		return this.cluster.client.configMaps().inNamespace("kube-system").withName("coredns").get().getData()
			.get("Corefile");
	}

	private List<HasMetadata> parse(String yaml) {
		return this.cluster.client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
	}

}
