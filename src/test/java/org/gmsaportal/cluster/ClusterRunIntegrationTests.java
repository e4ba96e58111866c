package org.gmsaportal.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.provisioning.Approval;
import org.gmsaportal.provisioning.Hosts;
import org.gmsaportal.provisioning.Plan;
import org.gmsaportal.provisioning.ProvisioningRequest;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.provisioning.Target;
import org.gmsaportal.support.LabServices;
import org.gmsaportal.support.MockCluster;
import org.gmsaportal.support.Waiting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole run to a cluster: the Samba lab DC for the directory half, and for the cluster fabric8's mock
 * API server (CRUD mode plus server-side apply, seeded with the CRD, webhooks, Windows nodes and CoreDNS),
 * reached through a kubeconfig exactly as a real cluster would be. A real API server cannot run on these
 * machines.
 */
@SpringBootTest
class ClusterRunIntegrationTests {

	private static MockCluster cluster;

	@Autowired
	ProvisioningService service;

	@BeforeAll
	static void startCluster() {
		LabServices.dc("GMSA_LAB_LDAPS_URL");
		// The workload's service account may not use the credspec yet: the run's RoleBinding grants it.
		cluster = MockCluster.start().withGmsaSupport().answerAccessReviews(false);
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@DynamicPropertySource
	static void connections(DynamicPropertyRegistry registry) {
		LabServices.registerLabDirectoryWithServiceAccount(registry);
		registry.add("gmsa.cluster.connections.mock.kubeconfig", () -> cluster.kubeconfig().toString());
		registry.add("gmsa.cluster.connections.mock.context", () -> "mock");
	}

	@Test
	void aPortableRunAppliesTheCredSpecRoleBindingAndSecretToTheCluster() throws InterruptedException {
		String name = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 9);
		ProvisioningRequest request = new ProvisioningRequest("lab", name, name + ".lab.test", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, name + "-hosts",
				new Hosts.Portable(name + "-ccg", KnownPlugin.KUBERNETES_SECRET.clsid(), "app-ns:" + name + "-ccg"),
				new Target.Cluster("mock", "app-ns", "webapp-sa", name + "-spec", List.of(), null), "CHG0077");

		Plan plan = this.service.plan(request);
		String runId = this.service.start(plan, new Approval(plan.hash(), "admin", Instant.now(), null));
		RunView run = Waiting.forRun(this.service, runId);
		assertThat(run.state()).as("%s", run.failure()).isEqualTo(RunState.SUCCEEDED);

		var spec = cluster.client.genericKubernetesResources(GmsaCrd.context("v1")).withName(name + "-spec").get();
		assertThat(spec).isNotNull();
		assertThat(spec.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "gmsa-portal");
		assertThat(String.valueOf(spec.getAdditionalProperties().get("credspec"))).contains(name).contains("lab.test");
		assertThat(cluster.client.rbac().clusterRoles().list().getItems())
			.anyMatch(r -> r.getRules().stream().anyMatch(rule -> rule.getVerbs().contains("use")
					&& rule.getResourceNames().contains(name + "-spec")));
		assertThat(cluster.client.rbac().roleBindings().inNamespace("app-ns").list().getItems())
			.anyMatch(b -> b.getSubjects().stream().anyMatch(s -> "webapp-sa".equals(s.getName()))
					&& b.getRoleRef().getName().contains(name));
		var secret = cluster.client.secrets().inNamespace("app-ns").withName(name + "-ccg").get();
		assertThat(secret).isNotNull();
		assertThat(secret.getData()).containsKeys("username", "password");
	}

}
