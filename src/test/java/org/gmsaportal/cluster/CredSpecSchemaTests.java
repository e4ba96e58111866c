package org.gmsaportal.cluster;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The credspec is checked against the CRD's structural schema, where every leaf is a string.
 */
class CredSpecSchemaTests {

	private final GmsaCrd crd = new GmsaCrd(Serialization.unmarshal(Fixtures.resource("gmsa-crd.yaml"),
			CustomResourceDefinition.class));

	@Test
	void theGeneratedCredSpecValidatesAgainstTheCrdSchema() {
		assertThat(CredSpecSchema.violations(Fixtures.credSpec(), this.crd.credspecSchema("v1"))).isEmpty();
	}

	@Test
	void theBuiltInSchemaForExportOnlyModeIsTheCrdsSchema() {
		assertThat(CredSpecSchema.UPSTREAM).isEqualTo(this.crd.credspecSchema("v1").toBuilder().withDescription(null).build());
	}

	@Test
	void nonStringLeavesAndUnknownFieldsAreNamedWithTheirPath() {
		Map<String, Object> credSpec = Fixtures.credSpec();
		credSpec.put("CmsPlugins", List.of("ActiveDirectory", 7));
		credSpec.put("Spec", Map.of());
		@SuppressWarnings("unchecked")
		Map<String, Object> join = (Map<String, Object>) credSpec.get("DomainJoinConfig");
		join.put("Sid", Map.of("value", "S-1-5-21-1"));

		assertThat(CredSpecSchema.violations(credSpec, this.crd.credspecSchema("v1"))).containsExactlyInAnyOrder(
				"credspec.CmsPlugins[1] must be a string (the CRD declares it so), but is a Integer",
				"credspec.Spec is not in the CRD schema: the API server would silently drop it",
				"credspec.DomainJoinConfig.Sid must be a string (the CRD declares it so), but is an object:"
						+ " give it as a JSON string, e.g. PluginInput as escaped JSON");
	}

}
