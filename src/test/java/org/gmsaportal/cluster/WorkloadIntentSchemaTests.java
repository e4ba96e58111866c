package org.gmsaportal.cluster;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rendered apply intents, for every kind and for the AKS on Azure Local profile, checked against the JSON Schema of
 * the fields the portal may own (written from the Kubernetes API types, {@code workload-apply-intent.schema.json}),
 * with the JSON Schema validator the filing tests use; and the bundle built from them. Pure rendering: no cluster.
 */
class WorkloadIntentSchemaTests {

	private final Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
		.getSchema(Fixtures.resource("workload-apply-intent.schema.json"), InputFormat.JSON);

	private final WorkloadPatches hci = new WorkloadPatches("app-ns", "gmsa-webapp01", "webapp-sa", Platform.AKS_HCI,
			new GmsaDeployment.DnsForward("contoso.com", List.of("10.0.0.4")), "webapp01-identity",
			List.of(new WorkloadRef(WorkloadKind.DEPLOYMENT, "web", true),
					new WorkloadRef(WorkloadKind.STATEFUL_SET, "sql", false),
					new WorkloadRef(WorkloadKind.DAEMON_SET, "log-agent", false),
					new WorkloadRef(WorkloadKind.CRON_JOB, "nightly-report", false)));

	@Test
	void everyKindsIntentAndReleaseHoldOnlyThePortalsFields() {
		List<GenericKubernetesResource> live = live();
		for (int i = 0; i < this.hci.workloads().size(); i++) {
			WorkloadRef workload = this.hci.workloads().get(i);
			GenericKubernetesResource intent = WorkloadPatch.intent(this.hci, workload, live.get(i));
			assertThat(errors(intent)).as(workload.label()).isEmpty();
			assertThat(errors(WorkloadPatch.release("app-ns", workload))).as(workload.label()).isEmpty();
		}
		// The schema is strict: an intent that would take over any other field fails it.
		GenericKubernetesResource greedy = WorkloadPatch.intent(this.hci, this.hci.workloads().get(0), live.get(0));
		greedy.setAdditionalProperty("spec", Map.of("replicas", 3, "template", Map.of("spec", Map.of(
				"securityContext", Map.of("windowsOptions", Map.of("gmsaCredentialSpecName", "x"))))));
		assertThat(errors(greedy)).isNotEmpty();
	}

	@Test
	void onAksOnAzureLocalEachContainerMountsTheIdentitySecretAndThePodResolvesTheDomainThroughTheDc() {
		GenericKubernetesResource intent = WorkloadPatch.intent(this.hci, this.hci.workloads().get(0), live().get(0));

		Map<String, Object> pod = WorkloadPatch.podSpec(intent, WorkloadKind.DEPLOYMENT);
		assertThat(pod.get("dnsConfig")).isEqualTo(Map.of("nameservers", List.of("10.0.0.4"), "searches",
				List.of("contoso.com")));
		assertThat(pod.get("volumes")).isEqualTo(List.of(Map.of("name", "gmsa-portal-identity", "secret", Map.of(
				"secretName", "webapp01-identity", "items", List.of(Map.of("key", "username", "path", "username"))))));
		assertThat(pod.get("containers")).isEqualTo(List.of(Map.of("name", "iis", "volumeMounts", List.of(Map.of(
				"name", "gmsa-portal-identity", "mountPath", WorkloadPatch.MOUNT_PATH, "readOnly", true)))));
		assertThat(pod).doesNotContainKey("image");
	}

	@Test
	void aGenericClusterGetsNeitherDnsConfigNorTheVolume() {
		WorkloadPatches generic = new WorkloadPatches("app-ns", "gmsa-webapp01", "webapp-sa", Platform.GENERIC,
				this.hci.dns(), this.hci.identitySecret(), this.hci.workloads());

		Map<String, Object> pod = WorkloadPatch.podSpec(WorkloadPatch.intent(generic, generic.workloads().get(0),
				live().get(0)), WorkloadKind.DEPLOYMENT);

		assertThat(pod).containsOnlyKeys("serviceAccountName", "securityContext", "nodeSelector");
	}

	@Test
	void theBundleHoldsTheSameIntentsAndCommandsThatNeverForce() {
		WorkloadBundle bundle = WorkloadBundle.of(this.hci, null);

		assertThat(bundle.fileName()).isEqualTo("gmsa-webapp01-workloads.yaml");
		assertThat(bundle.kubectlCommands()).containsExactly(
				"kubectl diff --server-side --field-manager=gmsa-portal-workloads -f gmsa-webapp01-workloads.yaml",
				"kubectl apply --server-side --field-manager=gmsa-portal-workloads -f gmsa-webapp01-workloads.yaml",
				"kubectl apply --server-side --field-manager=gmsa-portal-workloads -f"
						+ " gmsa-webapp01-workloads-release.yaml   # decommission: gives back only the portal's fields");
		assertThat(String.join("\n", bundle.kubectlCommands())).doesNotContain("--force-conflicts");
		List<HasMetadata> documents = Serialization.unmarshal(bundle.yaml());
		assertThat(documents).hasSize(4).allSatisfy((d) -> assertThat(errors(d)).isEmpty());
		assertThat(Serialization.<List<HasMetadata>>unmarshal(bundle.releaseYaml())).hasSize(4);
		assertThat(bundle.warnings()).anySatisfy((w) -> assertThat(w).contains("volumeMount", "container names"));
	}

	private List<Error> errors(HasMetadata intent) {
		return this.schema.validate(Serialization.asJson(intent), InputFormat.JSON);
	}

	/** The workloads as kubectl left them, read the way the portal reads them (generic). */
	private static List<GenericKubernetesResource> live() {
		try (InputStream in = WorkloadIntentSchemaTests.class.getResourceAsStream("workloads.yaml")) {
			List<HasMetadata> all = Serialization.unmarshal(in);
			return List.of("web", "sql", "log-agent", "nightly-report").stream()
				.map((name) -> all.stream().filter((o) -> o.getMetadata().getName().equals(name)
						&& "app-ns".equals(o.getMetadata().getNamespace())).findFirst().orElseThrow())
				.map((o) -> Serialization.unmarshal(Serialization.asJson(o), GenericKubernetesResource.class))
				.toList();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
