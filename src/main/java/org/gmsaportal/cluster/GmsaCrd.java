package org.gmsaportal.cluster;

import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.jspecify.annotations.Nullable;

/**
 * What the cluster's {@code gmsacredentialspecs.windows.k8s.io} CRD offers: read only, never created,
 * replaced or deleted here (recreating it wipes every credspec in the cluster).
 *
 * @param crd the CRD, or {@code null} when it is not installed
 */
record GmsaCrd(@Nullable CustomResourceDefinition crd) {

	static final String NAME = "gmsacredentialspecs.windows.k8s.io";

	static final String GROUP = "windows.k8s.io";

	static final String KIND = "GMSACredentialSpec";

	static final String PLURAL = "gmsacredentialspecs";

	static GmsaCrd read(KubernetesClient client) {
		return new GmsaCrd(client.apiextensions().v1().customResourceDefinitions().withName(NAME).get());
	}

	boolean installed() {
		return this.crd != null;
	}

	/** {@code v1} when served, else {@code v1alpha1} when served, else empty. */
	Optional<String> preferredVersion() {
		List<String> served = servedVersions();
		return served.contains("v1") ? Optional.of("v1")
				: served.contains("v1alpha1") ? Optional.of("v1alpha1") : Optional.empty();
	}

	List<String> servedVersions() {
		return versions().stream().filter((v) -> Boolean.TRUE.equals(v.getServed())).map(CustomResourceDefinitionVersion::getName).toList();
	}

	Optional<String> storedVersion() {
		return versions().stream().filter((v) -> Boolean.TRUE.equals(v.getStorage())).map(CustomResourceDefinitionVersion::getName).findFirst();
	}

	/** The schema of the {@code credspec} property in the given version, or the upstream one if absent. */
	JSONSchemaProps credspecSchema(String version) {
		return versions().stream()
			.filter((v) -> version.equals(v.getName()) && v.getSchema() != null && v.getSchema().getOpenAPIV3Schema() != null)
			.map((v) -> v.getSchema().getOpenAPIV3Schema().getProperties().get("credspec"))
			.filter(java.util.Objects::nonNull)
			.findFirst()
			.orElse(CredSpecSchema.UPSTREAM);
	}

	private List<CustomResourceDefinitionVersion> versions() {
		return (this.crd != null) ? this.crd.getSpec().getVersions() : List.of();
	}

	static ResourceDefinitionContext context(String version) {
		return new ResourceDefinitionContext.Builder().withGroup(GROUP)
			.withVersion(version)
			.withKind(KIND)
			.withPlural(PLURAL)
			.withNamespaced(false)
			.build();
	}

}
