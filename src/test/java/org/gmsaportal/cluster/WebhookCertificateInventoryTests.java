package org.gmsaportal.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfigBuilder;
import org.gmsaportal.support.MockCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The gMSA webhook's certificates in the cluster inventory, read against fabric8's mock API server in CRUD mode (a
 * real API server cannot run on these machines): three webhook configurations whose certificates expire in 10 days,
 * in 100 days, and one whose caBundle is no certificate and whose serving Secret is missing.
 */
class WebhookCertificateInventoryTests {

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private MockCluster cluster;

	private ClusterInventoryReader inventory;

	private String soonKey;

	@BeforeEach
	void startCluster() {
		this.cluster = MockCluster.start().with("gmsa-crd.yaml").with("inventory-cluster.yaml")
			.answerAccessReviews(true);
		this.inventory = new ClusterInventoryReader((name) -> this.cluster.client);
		this.soonKey = webhook("gmsa-soon", true, Duration.ofDays(10));
		webhook("gmsa-later", false, Duration.ofDays(100));
		this.cluster.client.resource(new MutatingWebhookConfigurationBuilder().withNewMetadata()
			.withName("gmsa-broken").endMetadata()
			.addNewWebhook().withName("admission-webhook.windows-gmsa.sigs.k8s.io")
			.withClientConfig(client("gmsa-broken", "bm90IGEgY2VydGlmaWNhdGU=")).endWebhook().build()).create();
	}

	@AfterEach
	void stopCluster() {
		this.cluster.close();
	}

	@Test
	void eachWebhookCertificateIsListedWithItsExpiryAndAnUnreadableOneMarksThePartIncomplete() {
		ClusterListing listing = this.inventory.read("aks1");

		assertThat(listing.webhookCertificates())
			.extracting(WebhookCertificate::source, WebhookCertificate::notAfter)
			.containsExactlyInAnyOrder(
					tuple("caBundle of MutatingWebhookConfiguration gmsa-soon", NOW.plus(Duration.ofDays(10))),
					tuple("Secret gmsa/gmsa-soon-tls (tls.crt)", NOW.plus(Duration.ofDays(10))),
					tuple("caBundle of ValidatingWebhookConfiguration gmsa-later", NOW.plus(Duration.ofDays(100))),
					tuple("Secret gmsa/gmsa-later-tls (tls.crt)", NOW.plus(Duration.ofDays(100))),
					tuple("caBundle of MutatingWebhookConfiguration gmsa-broken", null),
					tuple("serving certificate of Service gmsa/gmsa-broken", null));
		assertThat(listing.webhookCertificates()).filteredOn(WebhookCertificate::readable)
			.allSatisfy((c) -> assertThat(c.subject()).startsWith("CN=gmsa-"));
		assertThat(listing.incomplete()).containsExactlyInAnyOrder(
				"Webhook certificates: caBundle of MutatingWebhookConfiguration gmsa-broken: webhook "
						+ "admission-webhook.windows-gmsa.sigs.k8s.io has no caBundle holding a PEM certificate",
				"Webhook certificates: serving certificate of Service gmsa/gmsa-broken: no TLS Secret in gmsa "
						+ "holds a certificate for gmsa-broken.gmsa.svc");
		assertThat(listing.read(ClusterListing.WEBHOOK_CERTIFICATES)).isFalse();
		assertThat(listing.read(ClusterListing.CREDENTIAL_SPECS)).as("the rest is still read and judged").isTrue();
		assertThat(listing.credentialSpecs()).hasSize(3);
	}

	@Test
	void theListingKeepsNoKeyMaterialAndReadsBackFromItsJson() {
		ClusterListing listing = this.inventory.read("aks1");
		JsonMapper json = JsonMapper.builder().build();

		String kept = json.writeValueAsString(listing);

		assertThat(kept).doesNotContain("PRIVATE KEY").doesNotContain(this.soonKey.lines().skip(1).findFirst()
			.orElseThrow());
		assertThat(json.readValue(kept, ClusterListing.class)).isEqualTo(listing);
	}

	@Test
	void aListingKeptBeforeWebhookCertificatesWereReadStillReadsWithNone() {
		String older = "{\"connection\":\"aks1\",\"readAt\":\"2026-11-01T10:00:00Z\",\"credentialSpecs\":[],"
				+ "\"secrets\":[\"app-ns/webapp01-identity\"],\"incomplete\":[]}";

		ClusterListing listing = JsonMapper.builder().build().readValue(older, ClusterListing.class);

		assertThat(listing.webhookCertificates()).isEmpty();
		assertThat(listing.secrets()).containsExactly("app-ns/webapp01-identity");
		assertThat(listing.complete()).isTrue();
	}

	@Test
	void aClusterWithoutTheWebhookHasNoCertificatesAndIsStillWhole() {
		MockCluster bare = MockCluster.start().with("gmsa-crd.yaml");
		try (bare) {
			ClusterListing listing = new ClusterInventoryReader((name) -> bare.client).read("bare");

			assertThat(listing.webhookCertificates()).isEmpty();
			assertThat(listing.complete()).isTrue();
		}
	}

	/** A webhook configuration, its CA and serving certificate expiring after {@code validity}; the serving key. */
	private String webhook(String name, boolean mutating, Duration validity) {
		WebhookCertificates.Issued issued = WebhookCertificates.issue(name, "gmsa", NOW, validity);
		WebhookClientConfig client = client(name, base64(issued.caPem()));
		if (mutating) {
			this.cluster.client.resource(new MutatingWebhookConfigurationBuilder().withNewMetadata().withName(name)
				.endMetadata().addNewWebhook().withName("admission-webhook.windows-gmsa.sigs.k8s.io")
				.withClientConfig(client).endWebhook().build()).create();
		}
		else {
			this.cluster.client.resource(new ValidatingWebhookConfigurationBuilder().withNewMetadata().withName(name)
				.endMetadata().addNewWebhook().withName("validate.windows-gmsa.sigs.k8s.io")
				.withClientConfig(client).endWebhook().build()).create();
		}
		this.cluster.client.resource(new SecretBuilder().withNewMetadata().withNamespace("gmsa")
			.withName(name + "-tls").endMetadata().withType("kubernetes.io/tls")
			.withData(Map.of("tls.crt", base64(issued.certificatePem()), "tls.key", base64(issued.privateKeyPem()),
					"ca.crt", base64(issued.caPem())))
			.build()).create();
		return issued.privateKeyPem();
	}

	private static WebhookClientConfig client(String service, String caBundle) {
		return new WebhookClientConfigBuilder().withNewService().withNamespace("gmsa").withName(service)
			.withPath("/mutate").endService().withCaBundle(caBundle).build();
	}

	private static String base64(String pem) {
		return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
	}

}
