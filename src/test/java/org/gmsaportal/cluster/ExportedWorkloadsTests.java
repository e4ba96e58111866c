package org.gmsaportal.cluster;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.gmsaportal.support.AuditRecorder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An export-only bundle for workloads typed by name (no cluster is read): each workload's apply patch travels as a
 * comment with the command that applies it under the workload field manager, never as a document the bundle's own
 * apply and decommission would take over, and decommission gives the fields back before it deletes the objects.
 * Pure rendering; the patches are checked against the schema of the fields the portal may own.
 */
class ExportedWorkloadsTests {

	private static final String APPLY = "kubectl apply --server-side --field-manager=gmsa-portal-workloads -f - <<'EOF'\n";

	private final Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
		.getSchema(Fixtures.resource("workload-apply-intent.schema.json"), InputFormat.JSON);

	// Connection null is export-only mode: no client may be asked for.
	private final ClusterDeployments deployments = new ClusterDeployments((name) -> {
		throw new AssertionError("export-only mode read cluster " + name);
	}, new AuditRecorder());

	private final WorkloadPatches patches = new WorkloadPatches("app-ns", "gmsa-webapp01", "webapp-sa",
			Platform.GENERIC, null, null, List.of(new WorkloadRef(WorkloadKind.DEPLOYMENT, "web", true),
					new WorkloadRef(WorkloadKind.CRON_JOB, "nightly-report", false)));

	@Test
	void eachTypedWorkloadsPatchIsACommentWithItsCommandAndNeverADocument() {
		ExportBundle plain = this.deployments.export(Fixtures.deployment("run-7"), null, false);
		ExportBundle bundle = plain.withWorkloads(WorkloadBundle.of(this.patches, null));

		// The documents are the portal's own objects only: deleting them in decommission never takes a workload.
		assertThat(parse(bundle.yaml())).extracting(HasMetadata::getKind).containsExactlyElementsOf(
				parse(plain.yaml()).stream().map(HasMetadata::getKind).toList());
		assertThat(parse(bundle.yaml())).extracting((o) -> o.getMetadata().getName())
			.doesNotContain("web", "nightly-report");
		assertThat(bundle.yaml()).startsWith(plain.yaml())
			.contains("# --- Workload Deployment/web: only the fields gMSA Portal owns; apply under its own field"
					+ " manager, never forced ---", "# --- Workload CronJob/nightly-report:");

		List<String> applies = bundle.kubectlCommands().stream()
			.filter((c) -> c.startsWith(APPLY))
			.toList();
		assertThat(applies).hasSize(2);
		for (String apply : applies) {
			// What the here-document holds is exactly an intent of the portal's fields, and it is in the file too.
			String yaml = apply.substring(apply.indexOf('\n') + 1, apply.lastIndexOf("\nEOF"));
			GenericKubernetesResource intent = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
			assertThat(this.schema.validate(Serialization.asJson(intent), InputFormat.JSON)).isEmpty();
			assertThat(bundle.yaml()).contains("#   " + apply.replace("\n", "\n#   "));
		}
		assertThat(applies.get(0)).contains("serviceAccountName: \"webapp-sa\"",
				"gmsaCredentialSpecName: \"gmsa-webapp01\"");
		assertThat(applies.get(1)).contains("jobTemplate:").doesNotContain("serviceAccountName");
		assertThat(String.join("\n", bundle.kubectlCommands()))
			.doesNotContain("gmsa-portal-workloads --force-conflicts");
		assertThat(bundle.warnings()).anySatisfy((w) -> assertThat(w).contains("not documents"))
			.anySatisfy((w) -> assertThat(w).contains("No cluster was read"));
	}

	@Test
	void decommissionGivesTheWorkloadsFieldsBackBeforeItDeletesTheCredentialSpec() {
		ExportBundle bundle = this.deployments.export(Fixtures.deployment("run-7"), null, false)
			.withWorkloads(WorkloadBundle.of(this.patches, null));
		List<String> commands = bundle.kubectlCommands();

		int apply = indexOf(commands, APPLY);
		int release = indexOf(commands, "# decommission: gives back only the portal's fields on Deployment/web");
		int deleteSpec = indexOf(commands, "kubectl delete gmsacredentialspecs.windows.k8s.io gmsa-webapp01");
		assertThat(apply).isLessThan(release);
		assertThat(release).isLessThan(deleteSpec);
		String releaseCommand = commands.get(release);
		String empty = releaseCommand.substring(releaseCommand.indexOf('\n') + 1, releaseCommand.lastIndexOf("\nEOF"));
		// The empty intent: only the identifying fields, so applying it gives every field of the manager back.
		assertThat(Serialization.unmarshal(empty, GenericKubernetesResource.class).getAdditionalProperties()).isEmpty();
	}

	@Test
	void aBundleWithoutWorkloadsStaysAsItWas() {
		ExportBundle plain = this.deployments.export(Fixtures.deployment("run-7"), null, false);
		WorkloadPatches none = new WorkloadPatches("app-ns", "gmsa-webapp01", "webapp-sa", Platform.GENERIC, null,
				null, List.of());

		assertThat(plain.withWorkloads(WorkloadBundle.of(none, null))).isEqualTo(plain);
	}

	private static int indexOf(List<String> commands, String part) {
		for (int i = 0; i < commands.size(); i++) {
			if (commands.get(i).contains(part)) {
				return i;
			}
		}
		throw new AssertionError("no command contains " + part + " in " + commands);
	}

	private static List<HasMetadata> parse(String yaml) {
		return Serialization.unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
	}

}
