package org.gmsaportal.cluster;

import java.util.List;

import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The credspec inventory with who may use each, from RBAC objects in fabric8's mock API server in CRUD mode
 * (a real API server cannot run on these machines).
 */
class ClusterInventoryTests {

	private MockCluster cluster;

	@BeforeEach
	void startCluster() {
		this.cluster = MockCluster.start().with("gmsa-crd.yaml").with("coredns.yaml").with("unrelated-objects.yaml");
	}

	@AfterEach
	void stopCluster() {
		this.cluster.close();
	}

	@Test
	void listsEveryCredSpecWithTheServiceAccountsBoundToUseIt() {
		new ClusterDeployments((name) -> this.cluster.client, new RecordingAuditTrail()).apply("lab",
				Fixtures.deployment("run-42"));
		// A wildcard role bound to every service account of a namespace also grants use.
		this.cluster.client.resource(new io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder().withNewMetadata()
			.withName("all-gmsa").endMetadata().addNewRule().withApiGroups("windows.k8s.io").withResources("*")
			.withVerbs("use").endRule().build()).create();
		this.cluster.client.resource(new ClusterRoleBindingBuilder().withNewMetadata().withName("ops-all-gmsa").endMetadata()
			.addNewSubject().withKind("Group").withName("system:serviceaccounts:ops").endSubject()
			.withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "all-gmsa").build()).create();

		List<CredSpecUsage> inventory = new ClusterInventory((name) -> this.cluster.client).credSpecs("lab");

		assertThat(inventory).extracting(CredSpecUsage::name).containsExactly("gmsa-legacyapp", "gmsa-webapp01");
		CredSpecUsage legacy = inventory.get(0);
		assertThat(legacy.managedByPortal()).isFalse();
		assertThat(legacy.users()).containsExactly(
				"app-ns/legacy-sa via RoleBinding app-ns/allow-legacy-sa-use-gmsa-legacyapp -> ClusterRole legacyapp-gmsa-user",
				"ops/* via ClusterRoleBinding ops-all-gmsa -> ClusterRole all-gmsa");
		CredSpecUsage webapp = inventory.get(1);
		assertThat(webapp.managedByPortal()).isTrue();
		assertThat(webapp.runId()).isEqualTo("run-42");
		assertThat(webapp.users()).containsExactly(
				"app-ns/webapp-sa via RoleBinding app-ns/allow-webapp-sa-use-gmsa-webapp01 -> ClusterRole gmsa-webapp01-gmsa-use",
				"ops/* via ClusterRoleBinding ops-all-gmsa -> ClusterRole all-gmsa");
	}

	@Test
	void aClusterWithoutTheCrdHasNoCredSpecs() {
		try (MockCluster bare = MockCluster.start()) {
			assertThat(new ClusterInventory((name) -> bare.client).credSpecs("bare")).isEmpty();
		}
	}

}
