package org.gmsaportal.cluster;

import java.util.Map;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;

/**
 * The {@code gmsacredentialspecs.windows.k8s.io} CRD as kubernetes-sigs/windows-gmsa v0.13.0 ships it
 * ({@code admission-webhook/deploy/gmsa-crd.yml}, {@code charts/gmsa/crds/crds.yaml}): cluster-scoped, v1 served
 * and stored, v1alpha1 served and deprecated, one schema for both. The portal only ever creates it where it is
 * missing; it never replaces or deletes one (upstream's script does, and that deletes every credspec).
 */
final class WebhookCrd {

	private WebhookCrd() {
	}

	static CustomResourceDefinition build() {
		return new CustomResourceDefinitionBuilder().withNewMetadata()
			.withName(GmsaCrd.NAME)
			.withLabels(WebhookManifests.labels())
			.withAnnotations(Map.of("api-approved.kubernetes.io",
					"https://github.com/kubernetes/enhancements/tree/master/keps/sig-windows/689-windows-gmsa"))
			.endMetadata()
			.withNewSpec()
			.withGroup(GmsaCrd.GROUP)
			.withScope("Cluster")
			.withNewNames().withKind(GmsaCrd.KIND).withPlural(GmsaCrd.PLURAL).endNames()
			.withVersions(version("v1alpha1", false, true), version("v1", true, false))
			.withNewConversion().withStrategy("None").endConversion()
			.endSpec()
			.build();
	}

	private static CustomResourceDefinitionVersion version(String name, boolean storage, boolean deprecated) {
		return new CustomResourceDefinitionVersionBuilder().withName(name)
			.withServed(true)
			.withStorage(storage)
			.withDeprecated(deprecated ? Boolean.TRUE : null)
			.withNewSchema()
			.withOpenAPIV3Schema(new JSONSchemaPropsBuilder().withType("object")
				.addToProperties("credspec", new JSONSchemaPropsBuilder(CredSpecSchema.UPSTREAM)
					.withDescription("GMSA Credential Spec").build())
				.build())
			.endSchema()
			.build();
	}

}
