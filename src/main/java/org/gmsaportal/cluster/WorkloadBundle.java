package org.gmsaportal.cluster;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.jspecify.annotations.Nullable;

/**
 * The workload fields as files for GitOps: the same server-side apply intents the run applies, and the empty intents
 * that give them back, with the kubectl commands for both.
 *
 * @param fileName the intents' file, e.g. {@code gmsa-webapp01-workloads.yaml}
 * @param yaml one apply intent per workload, only the pod-template fields the portal owns
 * @param releaseFileName the empty intents' file
 * @param releaseYaml one empty intent per workload: applied under the same field manager, it removes those fields
 * @param kubectlCommands review, apply and decommission, all under the portal's workload field manager, never forced
 * @param warnings what the admin should know before using the files
 * @param patches the same intents one workload at a time, in the order of {@link WorkloadPatches#workloads()}
 */
public record WorkloadBundle(String fileName, String yaml, String releaseFileName, String releaseYaml,
		List<String> kubectlCommands, List<String> warnings, List<Patch> patches) {

	public WorkloadBundle {
		kubectlCommands = List.copyOf(kubectlCommands);
		warnings = List.copyOf(warnings);
		patches = List.copyOf(patches);
	}

	/**
	 * One workload's apply patch: only the pod-template fields the portal owns, and its release.
	 *
	 * @param label the workload as plans name it, e.g. {@code Deployment/web}
	 * @param yaml the apply intent, one YAML document
	 * @param releaseYaml the empty intent that gives the fields back
	 */
	public record Patch(String label, String yaml, String releaseYaml) {

		/** Applies the intent under the portal's workload field manager, never forced, from a here-document. */
		public String applyCommand() {
			return hereDocument(this.yaml);
		}

		/** Gives back only the portal's fields (decommission); the workload stays. */
		public String releaseCommand() {
			return hereDocument(this.releaseYaml);
		}

		private static String hereDocument(String yaml) {
			return "kubectl apply --server-side --field-manager=" + WorkloadPatch.FIELD_MANAGER + " -f - <<'EOF'\n"
					+ yaml.replaceFirst("^---\n", "").strip() + "\nEOF";
		}

	}

	/**
	 * @param live each workload as the cluster has it, in the order of {@link WorkloadPatches#workloads()}, or
	 * {@code null} when no cluster was read
	 */
	static WorkloadBundle of(WorkloadPatches patches, @Nullable List<@Nullable GenericKubernetesResource> live) {
		String file = patches.credSpecName() + "-workloads.yaml";
		String release = patches.credSpecName() + "-workloads-release.yaml";
		StringBuilder yaml = new StringBuilder("# " + file + ": the fields gMSA Portal sets on your workloads, for"
				+ " kubectl apply --server-side --field-manager=" + WorkloadPatch.FIELD_MANAGER + "\n");
		StringBuilder undo = new StringBuilder("# " + release + ": applied under the same field manager, removes only"
				+ " those fields; the workloads stay\n");
		List<Patch> each = new ArrayList<>();
		for (int i = 0; i < patches.workloads().size(); i++) {
			WorkloadRef workload = patches.workloads().get(i);
			String intent = document(WorkloadPatch.intent(patches, workload, (live != null) ? live.get(i) : null));
			String empty = document(WorkloadPatch.release(patches.namespace(), workload));
			yaml.append(intent);
			undo.append(empty);
			each.add(new Patch(workload.label(), intent, empty));
		}
		String apply = "kubectl apply --server-side --field-manager=" + WorkloadPatch.FIELD_MANAGER + " -f ";
		List<String> commands = List.of(
				"kubectl diff --server-side --field-manager=" + WorkloadPatch.FIELD_MANAGER + " -f " + file,
				apply + file,
				apply + release + "   # decommission: gives back only the portal's fields");
		List<String> warnings = new ArrayList<>(List.of("Never add --force-conflicts: a conflict means another"
				+ " manager owns a field the portal would set; resolve it with that field's owner."));
		if (live == null) {
			warnings.add("No cluster was read: every workload gets nodeSelector kubernetes.io/os: windows; leave it out"
					+ " of a workload that already has a nodeSelector.");
			if (patches.podDnsAndSecretVolume() && patches.identitySecret() != null) {
				warnings.add("Add the volumeMount {name: " + WorkloadPatch.VOLUME + ", mountPath: "
						+ WorkloadPatch.MOUNT_PATH + ", readOnly: true} to each container by name: the container names"
						+ " are known only from the cluster.");
			}
		}
		return new WorkloadBundle(file, yaml.toString(), release, undo.toString(), commands, warnings, each);
	}

	private static String document(GenericKubernetesResource object) {
		String text = Serialization.asYaml(object);
		return text.startsWith("---") ? text : "---\n" + text;
	}

}
