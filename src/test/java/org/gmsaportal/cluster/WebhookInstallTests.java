package org.gmsaportal.cluster;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.gmsaportal.support.AuditRecorder;
import org.gmsaportal.support.MockCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * Installing the gMSA CRD and webhook on a cluster that lacks them, end state in fabric8's mock API server in CRUD
 * mode (no real API server can run on these machines; the mock has no controllers, so the tests add the
 * EndpointSlice the endpoint controller would). The certificate is parsed and checked as the API server would.
 */
class WebhookInstallTests {

	private static final String SERVICE_DNS = "gmsa-webhook.gmsa-webhook.svc";

	private final AuditRecorder audit = new AuditRecorder();

	private MockCluster cluster;

	@BeforeEach
	void startCluster() {
		this.cluster = MockCluster.start().with("nodes.yaml").with("coredns.yaml").with("workload-namespace.yaml");
		this.cluster.server.setVersionInfo(new VersionInfo.Builder().withMajor("1").withMinor("31")
			.withGitVersion("v1.31.5").build());
	}

	@AfterEach
	void stopCluster() {
		this.cluster.close();
	}

	@Test
	void anAbsentWebhookIsInstalledWithATrustedCertificateThePreflightThenPassesAndASecondRunChangesNothing()
			throws Exception {
		WebhookPlan plan = webhooks(WebhookSettings.defaults()).plan("lab", Platform.GENERIC);
		assertThat(plan.need()).isEqualTo(WebhookPlan.Need.INSTALL);
		assertThat(plan.objects()).extracting(ClusterObject::toString).containsExactly(
				"CustomResourceDefinition gmsacredentialspecs.windows.k8s.io", "Namespace gmsa-webhook",
				"ServiceAccount gmsa-webhook/gmsa-webhook", "ClusterRole gmsa-webhook-gmsa-webhook-rbac-role",
				"ClusterRoleBinding gmsa-webhook-gmsa-webhook-rbac-role", "Secret gmsa-webhook/gmsa-webhook-server-cert",
				"Deployment gmsa-webhook/gmsa-webhook", "Service gmsa-webhook/gmsa-webhook",
				"ValidatingWebhookConfiguration gmsa-webhook", "MutatingWebhookConfiguration gmsa-webhook");
		assertThat(plan.explanation()).contains("registry.k8s.io/gmsa-webhook/k8s-gmsa-webhook:v0.13.0")
			.contains("kept only in Secret gmsa-webhook/gmsa-webhook-server-cert");
		readyEndpoint();

		ApplyResult first = webhooks(WebhookSettings.defaults()).install("lab", Platform.GENERIC, "run-7", "CHG-1");

		assertThat(first.changes()).extracting(ObjectChange::change).containsOnly(ObjectChange.Change.CREATE);
		KubernetesClient client = this.cluster.client;
		Secret secret = client.secrets().inNamespace("gmsa-webhook").withName("gmsa-webhook-server-cert").get();
		X509Certificate serving = certificate(secret.getData().get("tls.crt"));
		X509Certificate ca = certificate(secret.getData().get("ca.crt"));
		serving.verify(ca.getPublicKey());
		assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
		assertThat(serving.getSubjectAlternativeNames().stream().map((san) -> String.valueOf(san.get(1))).toList())
			.contains(SERVICE_DNS, "gmsa-webhook", "gmsa-webhook.gmsa-webhook");
		assertThat(serving.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
		assertThat(serving.getNotAfter().toInstant()).isCloseTo(Instant.now().plus(Duration.ofDays(365)),
				within(Duration.ofMinutes(10).toMillis(), java.time.temporal.ChronoUnit.MILLIS));
		assertThat(privateModulus(secret.getData().get("tls.key")))
			.isEqualTo(((RSAPublicKey) serving.getPublicKey()).getModulus());
		MutatingWebhookConfiguration mutating = client.admissionRegistration().v1().mutatingWebhookConfigurations()
			.withName("gmsa-webhook").get();
		ValidatingWebhookConfiguration validating = client.admissionRegistration().v1()
			.validatingWebhookConfigurations().withName("gmsa-webhook").get();
		assertThat(mutating.getWebhooks()).singleElement().satisfies((w) -> {
			assertThat(w.getName()).isEqualTo("admission-webhook.windows-gmsa.sigs.k8s.io");
			assertThat(w.getClientConfig().getService().getPath()).isEqualTo("/mutate");
			assertThat(w.getRules()).singleElement().satisfies((r) -> assertThat(r.getOperations()).containsExactly("CREATE"));
			assertThat(w.getFailurePolicy()).isEqualTo("Fail");
			assertThat(certificate(w.getClientConfig().getCaBundle())).isEqualTo(ca);
		});
		assertThat(validating.getWebhooks()).singleElement().satisfies((w) -> {
			assertThat(w.getClientConfig().getService().getPath()).isEqualTo("/validate");
			assertThat(w.getRules()).singleElement()
				.satisfies((r) -> assertThat(r.getOperations()).containsExactly("CREATE", "UPDATE"));
			assertThat(certificate(w.getClientConfig().getCaBundle())).isEqualTo(ca);
		});
		this.cluster.answerAccessReviews(true);
		PreflightReport preflight = new ClusterPreflight((name) -> client).check("lab", new PreflightRequest("app-ns",
				"webapp-sa", "gmsa-webapp01", "contoso.com", true, false), Instant.now());
		assertThat(preflight.checks()).allSatisfy((c) -> assertThat(c.status()).as(c.id() + ": " + c.explanation())
			.isEqualTo(PreflightCheck.Status.PASS));
		assertThat(preflight.check("webhook.serving-certificate").explanation()).contains("is valid until");
		assertThat(webhooks(WebhookSettings.defaults()).plan("lab", Platform.GENERIC).need())
			.isEqualTo(WebhookPlan.Need.NONE);
		int eventsAfterFirst = this.audit.events.size();

		ApplyResult second = webhooks(WebhookSettings.defaults()).install("lab", Platform.GENERIC, "run-8", null);

		assertThat(second.unchanged()).isTrue();
		assertThat(this.audit.events).hasSize(eventsAfterFirst);
		assertThat(client.secrets().inNamespace("gmsa-webhook").withName("gmsa-webhook-server-cert").get().getData())
			.isEqualTo(secret.getData());
	}

	@Test
	void theCrdCreatedIsUpstreamsAndAnExistingOneIsNeverReplaced() {
		this.cluster.with("gmsa-crd-v1alpha1-only.yaml");
		CustomResourceDefinition before = crd();
		readyEndpoint();

		WebhookPlan plan = webhooks(WebhookSettings.defaults()).plan("lab", Platform.GENERIC);
		ApplyResult result = webhooks(WebhookSettings.defaults()).install("lab", Platform.GENERIC, "run-7", null);

		assertThat(plan.objects()).extracting(ClusterObject::kind).doesNotContain("CustomResourceDefinition");
		assertThat(result.changes().get(0).change()).isEqualTo(ObjectChange.Change.UNCHANGED);
		assertThat(crd().getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
		assertThat(crd().getSpec()).isEqualTo(before.getSpec());
		assertThat(this.audit.dump()).doesNotContain("CustomResourceDefinition");

		CustomResourceDefinition upstream = (CustomResourceDefinition) this.cluster.client
			.load(getClass().getResourceAsStream("gmsa-crd.yaml")).items().get(0);
		assertThat(WebhookCrd.build().getSpec()).isEqualTo(upstream.getSpec());
	}

	@Test
	@SuppressWarnings("unchecked")
	void withCertManagerTheCertificateIsIssuedByItAndItsCaInjectedIntoBothWebhooks() {
		certManager(true);
		readyEndpoint();

		webhooks(WebhookSettings.defaults()).install("lab", Platform.GENERIC, "run-7", null);

		GenericKubernetesResource certificate = this.cluster.client.genericKubernetesResources(
				CertManager.context("Certificate")).inNamespace("gmsa-webhook").withName("gmsa-webhook").get();
		GenericKubernetesResource issuer = this.cluster.client.genericKubernetesResources(CertManager.context("Issuer"))
			.inNamespace("gmsa-webhook").withName("gmsa-webhook").get();
		assertThat((Object) issuer.get("spec", "selfSigned")).isEqualTo(Map.of());
		assertThat((List<String>) certificate.get("spec", "dnsNames")).contains(SERVICE_DNS);
		assertThat((String) certificate.get("spec", "secretName")).isEqualTo("gmsa-webhook-server-cert");
		var admission = this.cluster.client.admissionRegistration().v1();
		for (var metadata : List.of(admission.mutatingWebhookConfigurations().withName("gmsa-webhook").get().getMetadata(),
				admission.validatingWebhookConfigurations().withName("gmsa-webhook").get().getMetadata())) {
			assertThat(metadata.getAnnotations()).containsEntry("cert-manager.io/inject-ca-from",
					"gmsa-webhook/gmsa-webhook");
		}
		assertThat(admission.mutatingWebhookConfigurations().withName("gmsa-webhook").get().getWebhooks().get(0)
			.getClientConfig().getCaBundle()).isNull();
		assertThat(this.cluster.client.secrets().inNamespace("gmsa-webhook").list().getItems()).isEmpty();
	}

	@Test
	void certManagerThatIsNotReadyBlocksThePlanAndTheInstallWithWhatToDo() {
		certManager(false);

		WebhookPlan plan = webhooks(WebhookSettings.defaults()).plan("lab", Platform.GENERIC);

		assertThat(plan.need()).isEqualTo(WebhookPlan.Need.BLOCKED);
		assertThat(plan.explanation()).contains("cert-manager", "cainjector", "no ready replica", "plan again");
		assertThatExceptionOfType(ClusterOperationException.class)
			.isThrownBy(() -> webhooks(WebhookSettings.defaults()).install("lab", Platform.GENERIC, "run-7", null))
			.withMessageContaining("cainjector");
		assertThat(this.cluster.client.admissionRegistration().v1().mutatingWebhookConfigurations().list().getItems())
			.isEmpty();
	}

	@Test
	void onAksThePortalSaysToEnableTheAddOnAndInstallsNothing() {
		WebhookPlan plan = webhooks(WebhookSettings.defaults()).plan("lab", Platform.AKS);

		assertThat(plan.need()).isEqualTo(WebhookPlan.Need.BLOCKED);
		assertThat(plan.explanation()).contains("az aks update", "--enable-windows-gmsa");
		assertThatExceptionOfType(ClusterOperationException.class)
			.isThrownBy(() -> webhooks(WebhookSettings.defaults()).install("lab", Platform.AKS, "run-7", null))
			.withMessageContaining("--enable-windows-gmsa");
		assertThat(this.cluster.client.apiextensions().v1().customResourceDefinitions().list().getItems()).isEmpty();
	}

	@Test
	void anImageTheNodesCannotPullFailsTheInstallNamingTheImageAndTheEvents() {
		WebhookSettings settings = new WebhookSettings("registry.example/gmsa-webhook:missing", "gmsa-webhook",
				"gmsa-webhook", 2, Duration.ofDays(365), Duration.ZERO);
		this.cluster.client.v1().events().inNamespace("gmsa-webhook").resource(new io.fabric8.kubernetes.api.model.EventBuilder()
			.withNewMetadata().withName("gmsa-webhook-7d9f.1").withNamespace("gmsa-webhook").endMetadata()
			.withType("Warning").withReason("Failed")
			.withMessage("Failed to pull image \"registry.example/gmsa-webhook:missing\": not found; ErrImagePull")
			.withNewInvolvedObject().withKind("Pod").withName("gmsa-webhook-7d9f").endInvolvedObject()
			.build()).create();

		assertThatExceptionOfType(ClusterOperationException.class)
			.isThrownBy(() -> webhooks(settings).install("lab", Platform.GENERIC, "run-7", null))
			.withMessageContaining("its image registry.example/gmsa-webhook:missing cannot be pulled")
			.withMessageContaining("gmsa.cluster.webhook.image")
			.withMessageContaining("Failed to pull image");
	}

	@Test
	void noPartOfTheServingKeyReachesTheAuditTrail() {
		readyEndpoint();

		webhooks(WebhookSettings.defaults()).install("lab", Platform.GENERIC, "run-7", null);

		String key = this.cluster.client.secrets().inNamespace("gmsa-webhook").withName("gmsa-webhook-server-cert").get()
			.getData().get("tls.key");
		String pem = new String(Base64.getDecoder().decode(key), StandardCharsets.UTF_8);
		String body = pem.lines().filter((l) -> !l.startsWith("-----")).findFirst().orElseThrow();
		assertThat(this.audit.dump()).doesNotContain(key).doesNotContain(body).doesNotContain("PRIVATE KEY");
		assertThat(this.audit.actions()).contains("cluster.object.create", "cluster.object.apply");
	}

	ClusterWebhooks webhooks(WebhookSettings settings) {
		return new ClusterWebhooks((name) -> this.cluster.client, this.audit, settings);
	}

	/** What the endpoint controller would add once the webhook pods are ready; the mock has no controllers. */
	void readyEndpoint() {
		this.cluster.client.discovery().v1().endpointSlices().inNamespace("gmsa-webhook").resource(new EndpointSliceBuilder()
			.withNewMetadata().withName("gmsa-webhook-abcde").withNamespace("gmsa-webhook")
			.addToLabels("kubernetes.io/service-name", "gmsa-webhook").endMetadata()
			.withAddressType("IPv4")
			.addNewEndpoint().withAddresses("10.244.1.30").withNewConditions().withReady(true).endConditions().endEndpoint()
			.build()).create();
	}

	/** cert-manager's Certificate CRD and its three Deployments, ready or not (status as the controller would set). */
	void certManager(boolean ready) {
		this.cluster.client.apiextensions().v1().customResourceDefinitions().resource(
				new io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder().withNewMetadata()
					.withName("certificates.cert-manager.io").endMetadata().withNewSpec().withGroup("cert-manager.io")
					.withScope("Namespaced").withNewNames().withKind("Certificate").withPlural("certificates").endNames()
					.addNewVersion().withName("v1").withServed(true).withStorage(true).endVersion().endSpec().build())
			.create();
		for (String component : List.of("controller", "cainjector", "webhook")) {
			if (!ready && component.equals("cainjector")) {
				continue;
			}
			this.cluster.client.apps().deployments().inNamespace("cert-manager").resource(
					new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder().withNewMetadata()
						.withName("cert-manager-" + component).withNamespace("cert-manager")
						.addToLabels("app.kubernetes.io/instance", "cert-manager")
						.addToLabels("app.kubernetes.io/component", component).endMetadata()
						.withNewStatus().withReadyReplicas(1).endStatus().build())
				.create();
		}
	}

	CustomResourceDefinition crd() {
		return this.cluster.client.apiextensions().v1().customResourceDefinitions().withName(GmsaCrd.NAME).get();
	}

	static X509Certificate certificate(String base64) {
		return Certificates.parse(Base64.getDecoder().decode(base64)).get(0);
	}

	static java.math.BigInteger privateModulus(String base64) throws Exception {
		try (PEMParser parser = new PEMParser(new java.io.InputStreamReader(
				new ByteArrayInputStream(Base64.getDecoder().decode(base64)), StandardCharsets.UTF_8))) {
			Object parsed = parser.readObject();
			var key = (parsed instanceof PEMKeyPair pair) ? new JcaPEMKeyConverter().getKeyPair(pair).getPrivate()
					: new JcaPEMKeyConverter().getPrivateKey((org.bouncycastle.asn1.pkcs.PrivateKeyInfo) parsed);
			return ((RSAPrivateCrtKey) key).getModulus();
		}
	}

}
