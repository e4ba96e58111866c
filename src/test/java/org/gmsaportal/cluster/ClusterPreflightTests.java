package org.gmsaportal.cluster;

import java.time.Duration;
import java.time.Instant;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import org.gmsaportal.support.MockCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Preflight against clusters in different states, built in fabric8's mock API server in CRUD mode (a real API
 * server cannot run on these machines). The SubjectAccessReview decision, which CRUD mode cannot compute,
 * comes from an expectation.
 */
class ClusterPreflightTests {

	/** notAfter of the serving certificate in gmsa-webhook.yaml. */
	private static final Instant SERVING_NOT_AFTER = Instant.parse("2027-11-22T14:02:42Z");

	private static final Instant HEALTHY = SERVING_NOT_AFTER.minus(Duration.ofDays(200));

	private static final PreflightRequest REQUEST = new PreflightRequest("app-ns", "webapp-sa", "gmsa-webapp01",
			"contoso.com", false, false);

	private MockCluster cluster;

	@BeforeEach
	void startCluster() {
		this.cluster = MockCluster.start();
		this.cluster.server.setVersionInfo(new VersionInfo.Builder().withMajor("1").withMinor("31")
			.withGitVersion("v1.31.5").build());
	}

	@AfterEach
	void stopCluster() {
		this.cluster.close();
	}

	@Test
	void aReadyClusterPassesEveryCheck() {
		this.cluster.withGmsaSupport();
		this.cluster.answerAccessReviews(true);

		PreflightReport report = preflight(new PreflightRequest("app-ns", "webapp-sa", "gmsa-webapp01", "contoso.com",
				true, false), HEALTHY);

		assertThat(report.checks()).allSatisfy((c) -> assertThat(c.status()).as(c.id() + ": " + c.explanation())
			.isEqualTo(PreflightCheck.Status.PASS));
		assertThat(report.checks()).extracting(PreflightCheck::id).containsExactly("api", "crd", "webhook.mutating",
				"webhook.validating", "webhook.endpoints", "webhook.failure-policy", "webhook.ca-bundle",
				"webhook.serving-certificate", "webhook.namespace", "nodes.windows", "dns", "service-account",
				"service-account.use");
		assertThat(report.check("api").explanation()).contains("v1.31.5");
		assertThat(report.check("crd").explanation()).contains("serves v1alpha1, v1 and stores v1");
		assertThat(report.check("nodes.windows").explanation()).contains("2 Windows node(s)", "akswin000000",
				"Windows Server 2022 Datacenter", "containerd://1.7.20+azure").doesNotContain("aks-linux");
		assertThat(report.passed()).isTrue();
	}

	@Test
	void aClusterWithoutTheCrdFailsTheCrdCheckWithTheInstallFix() {
		this.cluster.with("gmsa-webhook.yaml").with("nodes.yaml");

		PreflightCheck crd = preflight(REQUEST, HEALTHY).check("crd");

		assertThat(crd.status()).isEqualTo(PreflightCheck.Status.FAIL);
		assertThat(crd.fix()).contains("Install the windows-gmsa CRD").contains("never replaces or")
			.contains("INSTALL_GMSA_WEBHOOK");
	}

	@Test
	void aClusterServingOnlyV1alpha1WarnsAndSaysThePortalAdapts() {
		this.cluster.with("gmsa-crd-v1alpha1-only.yaml");

		PreflightCheck crd = preflight(REQUEST, HEALTHY).check("crd");

		assertThat(crd.status()).isEqualTo(PreflightCheck.Status.WARN);
		assertThat(crd.explanation()).contains("serves only v1alpha1", "will write v1alpha1");
	}

	@Test
	void aClusterWithoutWebhooksFailsBothWebhookChecks() {
		this.cluster.with("gmsa-crd.yaml").with("nodes.yaml");

		PreflightReport report = preflight(REQUEST, HEALTHY);

		assertThat(report.check("webhook.mutating").status()).isEqualTo(PreflightCheck.Status.FAIL);
		assertThat(report.check("webhook.validating").status()).isEqualTo(PreflightCheck.Status.FAIL);
		assertThat(report.check("webhook.mutating").fix()).contains("Install the windows-gmsa admission webhook");
		assertThat(report.passed()).isFalse();
	}

	@Test
	void aServingCertificateExpiringWithinThirtyDaysWarnsAndAnExpiredOneFails() {
		this.cluster.with("gmsa-crd.yaml").with("gmsa-webhook.yaml");

		PreflightCheck expiring = preflight(REQUEST, SERVING_NOT_AFTER.minus(Duration.ofDays(10)))
			.check("webhook.serving-certificate");
		PreflightCheck expired = preflight(REQUEST, SERVING_NOT_AFTER.plusSeconds(1)).check("webhook.serving-certificate");

		assertThat(expiring.status()).isEqualTo(PreflightCheck.Status.WARN);
		assertThat(expiring.explanation()).contains("expires at 2027-11-22T14:02:42Z, in 10 days");
		assertThat(expired.status()).isEqualTo(PreflightCheck.Status.FAIL);
		assertThat(expired.explanation()).contains("expired");
		assertThat(expired.fix()).contains("Renew");
	}

	@Test
	void aClusterWithoutWindowsNodesFailsTheNodeCheck() {
		this.cluster.with("gmsa-crd.yaml");
		this.cluster.client.resource(this.cluster.client.load(ClusterPreflightTests.class.getResourceAsStream("nodes.yaml"))
			.items().get(0)).create();

		PreflightCheck nodes = preflight(REQUEST, HEALTHY).check("nodes.windows");

		assertThat(nodes.status()).isEqualTo(PreflightCheck.Status.FAIL);
		assertThat(nodes.explanation()).contains("No node is labelled kubernetes.io/os=windows");
	}

	@Test
	void dnsPassesWithACoreDnsBlockAndWarnsWithoutOne() {
		this.cluster.with("coredns.yaml");
		PreflightRequest fabrikam = new PreflightRequest("app-ns", "webapp-sa", "gmsa-webapp01", "fabrikam.local", false,
				false);

		assertThat(preflight(fabrikam, HEALTHY).check("dns").status()).isEqualTo(PreflightCheck.Status.PASS);
		PreflightCheck contoso = preflight(REQUEST, HEALTHY).check("dns");
		assertThat(contoso.status()).isEqualTo(PreflightCheck.Status.WARN);
		assertThat(contoso.fix()).contains("CoreDNS forward block", "dnsConfig");
		PreflightRequest withDnsConfig = new PreflightRequest("app-ns", "webapp-sa", "gmsa-webapp01", "contoso.com",
				false, true);
		assertThat(preflight(withDnsConfig, HEALTHY).check("dns").status()).isEqualTo(PreflightCheck.Status.PASS);
	}

	@Test
	void aNamespaceExcludedByTheWebhookSelectorFails() {
		this.cluster.with("gmsa-crd.yaml").with("gmsa-webhook.yaml");

		PreflightCheck namespace = preflight(new PreflightRequest("gmsa-webhook", "webapp-sa", "gmsa-webapp01",
				"contoso.com", false, false), HEALTHY).check("webhook.namespace");

		assertThat(namespace.status()).isEqualTo(PreflightCheck.Status.FAIL);
		assertThat(namespace.explanation()).contains("excludes namespace gmsa-webhook");
	}

	@Test
	void webhookWithoutReadyEndpointsFailsBecauseItBlocksPodCreation() {
		this.cluster.with("gmsa-crd.yaml").with("gmsa-webhook.yaml");
		this.cluster.client.discovery().v1().endpointSlices().inNamespace("gmsa-webhook").withName("gmsa-webhook-x7k2p").delete();

		PreflightCheck endpoints = preflight(REQUEST, HEALTHY).check("webhook.endpoints");

		assertThat(endpoints.status()).isEqualTo(PreflightCheck.Status.FAIL);
		assertThat(endpoints.explanation()).contains("every pod creation in the selected namespaces is rejected");
	}

	@Test
	void aServiceAccountNotYetAllowedToUseTheCredSpecWarnsAndAMissingOneFails() {
		this.cluster.with("gmsa-crd.yaml").with("gmsa-webhook.yaml");
		this.cluster.answerAccessReviews(false);

		PreflightReport report = preflight(new PreflightRequest("app-ns", "other-sa", "gmsa-webapp01", "contoso.com",
				true, false), HEALTHY);

		assertThat(report.check("service-account").status()).isEqualTo(PreflightCheck.Status.FAIL);
		assertThat(report.check("service-account.use").status()).isEqualTo(PreflightCheck.Status.WARN);
		assertThat(report.check("service-account.use").explanation()).contains("system:serviceaccount:app-ns:other-sa");
	}

	@Test
	void anUnreachableClusterFailsTheApiCheckAndStops() {
		var unreachable = new KubernetesClientBuilder().withConfig(new io.fabric8.kubernetes.client.ConfigBuilder()
			.withMasterUrl("https://127.0.0.1:1").withConnectionTimeout(1000).withRequestTimeout(1000)
			.withRequestRetryBackoffLimit(0).build()).build();

		PreflightReport report = new ClusterPreflight((name) -> unreachable).check("down", REQUEST, HEALTHY);

		assertThat(report.checks()).singleElement().satisfies((c) -> {
			assertThat(c.id()).isEqualTo("api");
			assertThat(c.status()).isEqualTo(PreflightCheck.Status.FAIL);
			assertThat(c.explanation()).startsWith("Cannot reach the Kubernetes API server");
		});
		unreachable.close();
	}

	private PreflightReport preflight(PreflightRequest request, Instant now) {
		return new ClusterPreflight((name) -> this.cluster.client).check("lab", request, now);
	}


}
