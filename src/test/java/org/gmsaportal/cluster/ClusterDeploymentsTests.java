package org.gmsaportal.cluster;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.gmsaportal.support.AuditRecorder;
import org.gmsaportal.support.MockCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Apply and its idempotence, end state checked in fabric8's mock API server in CRUD mode: a real API server
 * cannot run on these machines. The mock is extended only where fabric8 issues 5337/5360 leave it without
 * server-side apply; the request shapes are asserted in {@link ServerSideApplyRequestTests}.
 */
class ClusterDeploymentsTests {

	private MockCluster cluster;

	private final AuditRecorder audit = new AuditRecorder();

	private ClusterDeployments deployments;

	@BeforeEach
	void startCluster() {
		this.cluster = MockCluster.start().with("gmsa-crd.yaml").with("coredns.yaml");
		this.deployments = new ClusterDeployments((name) -> this.cluster.client, this.audit);
	}

	@AfterEach
	void stopCluster() {
		this.cluster.close();
	}

	@Test
	void applyCreatesExactlyTheExpectedObjectsWithTheirContent() {
		ApplyResult result = this.deployments.apply("lab", Fixtures.deployment("run-42"), null);

		assertThat(result.changes()).extracting((c) -> c.object().toString())
			.containsExactly("GMSACredentialSpec gmsa-webapp01", "ClusterRole gmsa-webapp01-gmsa-use",
					"RoleBinding app-ns/allow-webapp-sa-use-gmsa-webapp01", "Secret app-ns/webapp01-identity",
					"ConfigMap kube-system/coredns", "Deployment app-ns/gmsa-demo");
		assertThat(result.changes()).allSatisfy((c) -> assertThat(c.object().uid()).isNotBlank());
		var client = this.cluster.client;
		GenericKubernetesResource credSpec = client.genericKubernetesResources(GmsaCrd.context("v1"))
			.withName("gmsa-webapp01").get();
		assertThat(credSpec.getAdditionalProperties().get("credspec")).isEqualTo(Fixtures.credSpec());
		assertThat(credSpec.getMetadata().getLabels()).containsEntry(ClusterLabels.MANAGED_BY, "gmsa-portal")
			.containsEntry(ClusterLabels.RUN_ID, "run-42");
		ClusterRole role = client.rbac().clusterRoles().withName("gmsa-webapp01-gmsa-use").get();
		assertThat(role.getRules()).singleElement().satisfies((rule) -> {
			assertThat(rule.getApiGroups()).containsExactly("windows.k8s.io");
			assertThat(rule.getResources()).containsExactly("gmsacredentialspecs");
			assertThat(rule.getVerbs()).containsExactly("use");
			assertThat(rule.getResourceNames()).containsExactly("gmsa-webapp01");
		});
		RoleBinding binding = client.rbac().roleBindings().inNamespace("app-ns")
			.withName("allow-webapp-sa-use-gmsa-webapp01").get();
		assertThat(binding.getSubjects()).singleElement().satisfies((s) -> {
			assertThat(s.getKind()).isEqualTo("ServiceAccount");
			assertThat(s.getName()).isEqualTo("webapp-sa");
			assertThat(s.getNamespace()).isEqualTo("app-ns");
		});
		assertThat(binding.getRoleRef().getName()).isEqualTo("gmsa-webapp01-gmsa-use");
		Secret secret = client.secrets().inNamespace("app-ns").withName("webapp01-identity").get();
		assertThat(secret.getData()).containsOnlyKeys("username", "password", "domainName");
		Deployment demo = client.apps().deployments().inNamespace("app-ns").withName("gmsa-demo").get();
		var pod = demo.getSpec().getTemplate().getSpec();
		assertThat(pod.getNodeSelector()).containsEntry("kubernetes.io/os", "windows");
		assertThat(pod.getSecurityContext().getWindowsOptions().getGmsaCredentialSpecName()).isEqualTo("gmsa-webapp01");
		assertThat(pod.getServiceAccountName()).isEqualTo("webapp-sa");
		ConfigMap coreDns = client.configMaps().inNamespace("kube-system").withName("coredns").get();
		assertThat(coreDns.getData().get("Corefile")).contains("contoso.com:53 {", "forward . 10.0.0.4 10.0.0.5");
	}

	@Test
	void applyingAgainChangesNothingAndWritesNothing() {
		this.deployments.apply("lab", Fixtures.deployment("run-42"), null);
		Map<String, String> versionsBefore = resourceVersions();
		int auditedBefore = this.audit.events.size();

		ApplyResult again = this.deployments.apply("lab", Fixtures.deployment("run-42"), null);

		assertThat(again.unchanged()).isTrue();
		assertThat(again.changes()).extracting(ObjectChange::change)
			.containsOnly(ObjectChange.Change.UNCHANGED);
		// CoreDNS already has the block, so it is not even planned the second time.
		assertThat(again.changes()).noneMatch((c) -> "ConfigMap".equals(c.object().kind()));
		assertThat(resourceVersions()).isEqualTo(versionsBefore);
		assertThat(this.audit.events).hasSize(auditedBefore);
	}

	@Test
	void planShowsAReadableDiffAndWritesNothing() {
		this.deployments.apply("lab", Fixtures.deployment("run-42"), null);
		GmsaDeployment changed = new GmsaDeployment("run-42", "gmsa-webapp01", Fixtures.credSpec(), "app-ns",
				"webapp-sa", null, null, new GmsaDeployment.SampleWorkload("gmsa-demo", "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019"));

		ApplyResult plan = this.deployments.plan("lab", changed);

		assertThat(plan.dryRun()).isTrue();
		ObjectChange deployment = plan.changes().get(plan.changes().size() - 1);
		assertThat(deployment.change()).isEqualTo(ObjectChange.Change.UPDATE);
		assertThat(deployment.diff()).containsExactly(
				"~ /spec/template/spec/containers/0/image: \"mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019\"");
		assertThat(this.cluster.client.apps().deployments().inNamespace("app-ns").withName("gmsa-demo").get()
			.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).endsWith("ltsc2022");
	}

	@Test
	void applyRefusesACredSpecThatTheCrdSchemaWouldPrune() {
		Map<String, Object> credSpec = Fixtures.credSpec();
		@SuppressWarnings("unchecked")
		Map<String, Object> ad = (Map<String, Object>) credSpec.get("ActiveDirectoryConfig");
		@SuppressWarnings("unchecked")
		Map<String, Object> host = (Map<String, Object>) ad.get("HostAccountConfig");
		host.put("PluginInput", Map.of("credentialArn", "arn:aws:secretsmanager:eu-west-1:1:secret:x"));
		GmsaDeployment deployment = new GmsaDeployment("run-43", "gmsa-webapp01", credSpec, "app-ns", "webapp-sa",
				null, null, null);

		assertThatExceptionOfType(ClusterOperationException.class)
			.isThrownBy(() -> this.deployments.apply("lab", deployment, null))
			.withMessageContaining("credspec.ActiveDirectoryConfig.HostAccountConfig.PluginInput must be a string");
		assertThat(this.cluster.client.rbac().clusterRoles().withName("gmsa-webapp01-gmsa-use").get()).isNull();
	}

	@Test
	void applyUsesV1alpha1AndWarnsWhenTheClusterServesNothingNewer() {
		try (MockCluster old = MockCluster.start().with("gmsa-crd-v1alpha1-only.yaml")) {
			ClusterDeployments onOld = new ClusterDeployments((name) -> old.client, this.audit);
			GmsaDeployment deployment = new GmsaDeployment("run-44", "gmsa-webapp01", Fixtures.credSpec(), "app-ns",
					"webapp-sa", null, null, null);

			ApplyResult result = onOld.apply("old", deployment, null);

			assertThat(result.changes().get(0).object().apiVersion()).isEqualTo("windows.k8s.io/v1alpha1");
			assertThat(result.warnings()).singleElement().asString().contains("only windows.k8s.io/v1alpha1");
		}
	}

	@Test
	void applyRefusesToRunWithoutTheCrdAndNeverInstallsIt() {
		try (MockCluster bare = MockCluster.start()) {
			ClusterDeployments onBare = new ClusterDeployments((name) -> bare.client, this.audit);

			assertThatExceptionOfType(ClusterOperationException.class)
				.isThrownBy(() -> onBare.apply("bare", Fixtures.deployment("run-45"), null))
				.withMessageContaining("install the windows-gmsa webhook and CRD");
			assertThat(bare.client.apiextensions().v1().customResourceDefinitions().list().getItems()).isEmpty();
		}
	}

	private Map<String, String> resourceVersions() {
		List<HasMetadata> all = new java.util.ArrayList<>();
		all.addAll(this.cluster.client.rbac().clusterRoles().list().getItems());
		all.addAll(this.cluster.client.rbac().roleBindings().inAnyNamespace().list().getItems());
		all.addAll(this.cluster.client.secrets().inAnyNamespace().list().getItems());
		all.addAll(this.cluster.client.configMaps().inAnyNamespace().list().getItems());
		all.addAll(this.cluster.client.apps().deployments().inAnyNamespace().list().getItems());
		all.addAll(this.cluster.client.genericKubernetesResources(GmsaCrd.context("v1")).list().getItems());
		Map<String, String> versions = new java.util.TreeMap<>();
		all.forEach((o) -> versions.put(ClusterObject.of(o).toString(), o.getMetadata().getResourceVersion()));
		return versions;
	}

}
