package org.gmsaportal.cluster;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import org.gmsaportal.support.MockCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster inventory read against fabric8's mock API server in CRUD mode (a real API server cannot run on these
 * machines), loaded with {@code inventory-cluster.yaml}. SubjectAccessReview decisions and refused lists, which
 * CRUD mode cannot give, come from expectations.
 */
class ClusterInventoryTests {

	private MockCluster cluster;

	private ClusterInventoryReader inventory;

	@BeforeEach
	void startCluster() {
		this.cluster = MockCluster.start().with("gmsa-crd.yaml").with("inventory-cluster.yaml");
		this.inventory = new ClusterInventoryReader((name) -> this.cluster.client);
	}

	@AfterEach
	void stopCluster() {
		this.cluster.close();
	}

	@Test
	void eachCredentialSpecIsListedWithItsGmsaWhoMayUseItAndTheWorkloadsThatReferenceIt() {
		this.cluster.answerAccessReviews(true);

		ClusterListing listing = this.inventory.read("aks1");

		assertThat(listing.connection()).isEqualTo("aks1");
		assertThat(listing.incomplete()).isEmpty();
		Map<String, ListedCredentialSpec> specs = byName(listing);
		assertThat(specs).containsOnlyKeys("gmsa-webapp01", "gmsa-legacyapp", "gmsa-idle");
		assertThat(specs.get("gmsa-webapp01")).isEqualTo(new ListedCredentialSpec("gmsa-webapp01", "webapp01",
				"contoso.com", "run-7", List.of("app-ns/webapp-sa"), List.of(),
				List.of("Deployment/app-ns/web")));
		ListedCredentialSpec legacy = specs.get("gmsa-legacyapp");
		assertThat(legacy.portalRun()).isNull();
		assertThat(legacy.usableBy()).isEmpty();
		assertThat(legacy.everyServiceAccountIn()).containsExactly("team-ns");
		assertThat(legacy.workloads()).containsExactly("CronJob/team-ns/nightly", "Pod/team-ns/debug");
		ListedCredentialSpec idle = specs.get("gmsa-idle");
		assertThat(idle.gmsaName()).isEqualTo("idle01");
		assertThat(idle.domain()).as("no DomainJoinConfig: the account's scope").isEqualTo("fabrikam.com");
		assertThat(idle.usableBy()).isEmpty();
		assertThat(idle.workloads()).isEmpty();
		assertThat(listing.secrets()).containsExactly("app-ns/webapp01-identity");
	}

	@Test
	void theApiServersDenialWinsOverWhatTheRbacObjectsSuggest() {
		this.cluster.answerAccessReviews(false);

		ClusterListing listing = this.inventory.read("aks1");

		assertThat(listing.complete()).isTrue();
		assertThat(byName(listing).get("gmsa-webapp01").usableBy()).isEmpty();
		assertThat(byName(listing).get("gmsa-legacyapp").everyServiceAccountIn()).isEmpty();
	}

	@Test
	void refusedAccessReviewsFallBackToTheRbacReadingAndSaySo() {
		this.cluster.server.expect().post().withPath("/apis/authorization.k8s.io/v1/subjectaccessreviews")
			.andReturn(403, new StatusBuilder().withCode(403).withMessage("forbidden").build())
			.always();

		ClusterListing listing = this.inventory.read("aks1");

		assertThat(byName(listing).get("gmsa-webapp01").usableBy()).containsExactly("app-ns/webapp-sa");
		assertThat(byName(listing).get("gmsa-legacyapp").everyServiceAccountIn()).containsExactly("team-ns");
		assertThat(listing.complete()).isFalse();
		assertThat(listing.incomplete()).singleElement().asString()
			.startsWith("Who may use: read from the RBAC objects only, not confirmed by SubjectAccessReview")
			.contains("not allowed to create SubjectAccessReviews");
	}

	@Test
	void aRefusedListMarksThatPartIncompleteAndKeepsTheRest() {
		this.cluster.answerAccessReviews(true);
		this.cluster.server.expect().get().withPath("/apis/rbac.authorization.k8s.io/v1/rolebindings?limit=500")
			.andReturn(403, new StatusBuilder().withCode(403).withMessage("forbidden").build())
			.always();

		ClusterListing listing = this.inventory.read("aks1");

		assertThat(listing.complete()).isFalse();
		assertThat(listing.incomplete()).singleElement().asString()
			.startsWith("Who may use: Could not list RoleBindings in every namespace.")
			.contains("not allowed");
		Map<String, ListedCredentialSpec> specs = byName(listing);
		assertThat(specs).hasSize(3);
		assertThat(specs.get("gmsa-webapp01").usableBy()).isEmpty();
		assertThat(specs.get("gmsa-webapp01").workloads()).containsExactly("Deployment/app-ns/web");
		assertThat(listing.secrets()).containsExactly("app-ns/webapp01-identity");
		assertThat(listing.read(ClusterListing.USAGE)).isFalse();
		assertThat(listing.read(ClusterListing.WORKLOADS)).isTrue();
		assertThat(listing.read(ClusterListing.CREDENTIAL_SPECS)).isTrue();
	}

	@Test
	void aRefusedCredentialSpecListLeavesNoSpecsButSaysWhy() {
		this.cluster.server.expect().get().withPath("/apis/windows.k8s.io/v1/gmsacredentialspecs?limit=500")
			.andReturn(403, new StatusBuilder().withCode(403).withMessage("forbidden").build())
			.always();

		ClusterListing listing = this.inventory.read("aks1");

		assertThat(listing.credentialSpecs()).isEmpty();
		assertThat(listing.incomplete()).singleElement().asString().startsWith("GMSACredentialSpecs: Could not list");
		assertThat(listing.read(ClusterListing.CREDENTIAL_SPECS)).isFalse();
		assertThat(listing.secrets()).containsExactly("app-ns/webapp01-identity");
	}

	@Test
	void aConnectionThatCannotBeUsedGivesAnEmptyListingWithTheReason() {
		ClusterInventoryReader unconfigured = new ClusterInventoryReader((name) -> {
			throw new ClusterOperationException("No cluster connection named '" + name + "' is configured.");
		});

		ClusterListing listing = unconfigured.read("gone");

		assertThat(listing.credentialSpecs()).isEmpty();
		assertThat(listing.incomplete()).containsExactly("Cluster: No cluster connection named 'gone' is configured.");
		assertThat(listing.read(ClusterListing.SECRETS)).isFalse();
	}

	private static Map<String, ListedCredentialSpec> byName(ClusterListing listing) {
		return listing.credentialSpecs().stream()
			.collect(Collectors.toMap(ListedCredentialSpec::name, Function.identity()));
	}

}
