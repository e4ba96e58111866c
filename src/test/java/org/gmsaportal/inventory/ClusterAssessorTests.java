package org.gmsaportal.inventory;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.gmsaportal.cluster.ClusterInventories;
import org.gmsaportal.cluster.ClusterListing;
import org.gmsaportal.directory.DirectoryListing;
import org.gmsaportal.provisioning.InventoryEntry;
import org.gmsaportal.support.MockCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.gmsaportal.inventory.InventoryFixtures.contoso;
import static org.gmsaportal.inventory.InventoryFixtures.record;

/**
 * The cluster rules over what the cluster inventory reads from fabric8's mock API server in CRUD mode (a real API
 * server cannot run on these machines), loaded with the cluster module's {@code inventory-cluster.yaml}: gMSA
 * credential spec gmsa-webapp01 applied by run-7, gmsa-legacyapp usable by every service account of team-ns,
 * gmsa-idle referenced by nothing. SubjectAccessReviews are answered "allowed" by an expectation. The directory
 * listings are built directly.
 */
class ClusterAssessorTests {

	private static final ResourceDefinitionContext CREDSPECS = new ResourceDefinitionContext.Builder()
		.withGroup("windows.k8s.io").withVersion("v1").withKind("GMSACredentialSpec").withPlural("gmsacredentialspecs")
		.withNamespaced(false).build();

	private static final InventoryEntry WEBAPP = record("run-7", "webapp01", "aks1", "gmsa-webapp01");

	private MockCluster cluster;

	private List<String> recordedSecrets = List.of("app-ns/webapp01-identity");

	private final ClusterAssessor assessor = new ClusterAssessor((runId) -> this.recordedSecrets);

	@BeforeEach
	void startCluster() {
		this.cluster = MockCluster.start().with("gmsa-crd.yaml").with("inventory-cluster.yaml")
			.answerAccessReviews(true);
	}

	@AfterEach
	void stopCluster() {
		this.cluster.close();
	}

	@Test
	void aSpecEveryServiceAccountOfANamespaceMayUseIsMediumAndASpecNoWorkloadUsesIsLow() {
		List<Finding> findings = this.assessor.findings(data(List.of(), contoso(true, "webapp01", "legacyapp")));

		assertThat(findings).extracting(Finding::severity, Finding::code, Finding::subject).containsExactlyInAnyOrder(
				tuple(Severity.MEDIUM, "credspec-every-service-account",
						"credspec:aks1/gmsa-legacyapp"),
				tuple(Severity.LOW, "credspec-unused", "credspec:aks1/gmsa-idle"));
		Finding broad = findings.stream().filter((f) -> f.severity() == Severity.MEDIUM).findFirst().orElseThrow();
		assertThat(broad.reason()).contains("Every service account in namespace team-ns", "gMSA legacyapp");
		assertThat(broad.fix()).contains("kubectl -n team-ns create rolebinding", "--serviceaccount=team-ns:");
	}

	@Test
	void aSpecWhoseGmsaIsGoneFromACompleteListingOfItsDomainIsOrphaned() {
		List<Drift> drift = this.assessor.drift(data(List.of(WEBAPP), contoso(true, "legacyapp")));

		assertThat(drift).singleElement().satisfies((d) -> {
			assertThat(d.kind()).isEqualTo(DriftKind.CREDSPEC_ORPHANED);
			assertThat(d.subject()).isEqualTo("credspec:aks1/gmsa-webapp01");
			assertThat(d.runId()).isEqualTo("run-7");
			assertThat(d.detail()).contains("webapp01", "contoso.com");
		});
	}

	@Test
	void aPartialListingOfTheDomainOrTheGmsaStillThereIsNoOrphan() {
		assertThat(this.assessor.drift(data(List.of(WEBAPP), contoso(false, "legacyapp")))).isEmpty();
		assertThat(this.assessor.drift(data(List.of(WEBAPP), contoso(true, "WEBAPP01")))).isEmpty();
		assertThat(this.assessor.drift(data(List.of(WEBAPP)))).as("no listing of the domain").isEmpty();
	}

	@Test
	void aSpecDeletedOrRepointedOutsideThePortalIsDrift() {
		InventoryEntry idle = record("run-9", "idle01", "aks1", "gmsa-idle");
		InventoryEntry gone = record("run-8", "oldapp", "aks1", "gmsa-oldapp");

		List<Drift> drift = this.assessor.drift(data(List.of(idle, gone), contoso(true, "webapp01", "idle01")));

		assertThat(drift).extracting(Drift::kind, Drift::subject, Drift::runId).containsExactlyInAnyOrder(
				tuple(DriftKind.DELETED, "credspec:aks1/gmsa-oldapp", "run-8"),
				tuple(DriftKind.CREDSPEC_CHANGED, "credspec:aks1/gmsa-idle", "run-9"));
		assertThat(drift).filteredOn((d) -> d.kind() == DriftKind.CREDSPEC_CHANGED).singleElement()
			.extracting(Drift::detail).asString()
			.contains("recorded idle01 in contoso.com, now idle01 in fabrikam.com");
	}

	@Test
	void aRepointedSpecIsSeenAfterItsGmsaNameChanged() {
		GenericKubernetesResource spec = this.cluster.client.genericKubernetesResources(CREDSPECS)
			.withName("gmsa-webapp01").get();
		@SuppressWarnings("unchecked")
		Map<String, Object> credspec = (Map<String, Object>) spec.getAdditionalProperties().get("credspec");
		credspec.put("ActiveDirectoryConfig", Map.of("GroupManagedServiceAccounts", List.of(Map.of("Name", "other01",
				"Scope", "contoso.com"))));
		this.cluster.client.genericKubernetesResources(CREDSPECS).resource(spec).update();

		List<Drift> drift = this.assessor.drift(data(List.of(WEBAPP), contoso(true, "webapp01", "other01")));

		assertThat(drift).singleElement().extracting(Drift::kind).isEqualTo(DriftKind.CREDSPEC_CHANGED);
	}

	@Test
	void aRemovedPortalSecretIsDriftButNothingIsJudgedFromARefusedList() {
		this.recordedSecrets = List.of("app-ns/webapp01-identity", "app-ns/webapp01-old");

		assertThat(this.assessor.drift(data(List.of(WEBAPP), contoso(true, "webapp01"))))
			.extracting(Drift::kind, Drift::subject)
			.containsExactly(tuple(DriftKind.SECRET_REMOVED,
					"secret:aks1/app-ns/webapp01-old"));

		this.cluster.server.expect().get().withPath("/apis/windows.k8s.io/v1/gmsacredentialspecs?limit=500")
			.andReturn(403, new StatusBuilder().withCode(403).withMessage("forbidden").build()).always();
		this.cluster.server.expect().get()
			.withPath("/api/v1/secrets?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dgmsa-portal&limit=500")
			.andReturn(403, new StatusBuilder().withCode(403).withMessage("forbidden").build()).always();
		InventoryData refused = data(List.of(WEBAPP, record("run-8", "oldapp", "aks1", "gmsa-oldapp")),
				contoso(true));

		assertThat(refused.clusters().get(0).read(ClusterListing.CREDENTIAL_SPECS)).isFalse();
		assertThat(this.assessor.drift(refused)).isEmpty();
	}

	private InventoryData data(List<InventoryEntry> records, DirectoryListing... directories) {
		ClusterListing listing = ClusterInventories.over(this.cluster.client).read("aks1");
		return new InventoryData(List.of(directories), List.of(listing), records);
	}

}
