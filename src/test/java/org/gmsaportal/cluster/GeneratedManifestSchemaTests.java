package org.gmsaportal.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every object the portal generates, checked against the Kubernetes (and cert-manager) schemas of its kind in
 * {@code k8s-schemas/objects.schema.json} with the JSON Schema validator the other schema tests use: the gMSA
 * webhook's Deployment, Service, RBAC and both webhook configurations (with a generated certificate and with
 * cert-manager), the CRD, and the gMSA objects of a deployment. No cluster: pure rendering. The schemas were written
 * from the API reference because no machine here can fetch the published OpenAPI documents (see its README.md).
 */
class GeneratedManifestSchemaTests {

	private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
		.getSchema(resource(), InputFormat.JSON);

	private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

	@Test
	void theWebhookInstallWithAGeneratedCertificateAndTheCrdMatchTheirSchemas() {
		WebhookCertificates.Issued issued = WebhookCertificates.issue("gmsa-webhook", "gmsa-webhook", NOW,
				Duration.ofDays(365));
		List<HasMetadata> objects = new ArrayList<>(WebhookManifests.build(WebhookSettings.defaults(),
				new WebhookManifests.Tls(issued)));
		objects.add(WebhookCrd.build());

		assertThat(objects).extracting(HasMetadata::getKind).contains("Namespace", "ServiceAccount", "ClusterRole",
				"ClusterRoleBinding", "Secret", "Deployment", "Service", "ValidatingWebhookConfiguration",
				"MutatingWebhookConfiguration", "CustomResourceDefinition");
		objects.forEach((object) -> assertThat(errors(object)).as(label(object)).isEmpty());
	}

	@Test
	void theWebhookInstallThroughCertManagerMatchesItsSchemas() {
		List<HasMetadata> objects = WebhookManifests.build(WebhookSettings.defaults(), new WebhookManifests.Tls(null));

		assertThat(objects).extracting(HasMetadata::getKind).contains("Issuer", "Certificate")
			.doesNotContain("Secret");
		objects.forEach((object) -> assertThat(errors(object)).as(label(object)).isEmpty());
	}

	@Test
	void theGmsaObjectsOfADeploymentMatchTheirSchemas() {
		// With the cluster's Corefile read, the live path also applies the merged CoreDNS ConfigMap.
		List<HasMetadata> objects = GmsaManifests.build(Fixtures.deployment("run-1"), "v1",
				".:53 {\n    forward . /etc/resolv.conf\n}\n");

		assertThat(objects).extracting(HasMetadata::getKind).contains("GMSACredentialSpec", "ClusterRole",
				"RoleBinding", "Secret", "Deployment", "ConfigMap");
		objects.forEach((object) -> assertThat(errors(object)).as(label(object)).isEmpty());
	}

	@Test
	void theSchemasCatchAMisspeltFieldAWrongEnumAndAMissingRequiredField() {
		HasMetadata mutating = WebhookManifests.build(WebhookSettings.defaults(), new WebhookManifests.Tls(null))
			.stream().filter((o) -> o.getKind().equals("MutatingWebhookConfiguration")).findFirst().orElseThrow();
		String json = Serialization.asJson(mutating);

		assertThat(errors(json.replace("\"sideEffects\"", "\"sideEffect\""))).isNotEmpty();
		assertThat(errors(json.replace("\"NotIn\"", "\"NotOneOf\""))).isNotEmpty();
		assertThat(errors(json.replace("\"admissionReviewVersions\":[\"v1\",\"v1beta1\"],", ""))).isNotEmpty();
		HasMetadata crd = WebhookCrd.build();
		assertThat(errors(Serialization.asJson(crd).replace("\"scope\":\"Cluster\"", "\"scope\":\"Global\"")))
			.isNotEmpty();
	}

	private static List<Error> errors(HasMetadata object) {
		return errors(Serialization.asJson(object));
	}

	private static List<Error> errors(String json) {
		return SCHEMA.validate(json, InputFormat.JSON);
	}

	private static String label(HasMetadata object) {
		return object.getKind() + " " + object.getMetadata().getName();
	}

	private static String resource() {
		try (var in = GeneratedManifestSchemaTests.class.getResourceAsStream("/k8s-schemas/objects.schema.json")) {
			return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (java.io.IOException | NullPointerException ex) {
			throw new IllegalStateException("missing k8s-schemas/objects.schema.json", ex);
		}
	}

}
