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
 */
public record WorkloadBundle(String fileName, String yaml, String releaseFileName, String releaseYaml,
		List<String> kubectlCommands, List<String> warnings) {

	public WorkloadBundle {
		kubectlCommands = List.copyOf(kubectlCommands);
		warnings = List.copyOf(warnings);
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
		for (int i = 0; i < patches.workloads().size(); i++) {
			WorkloadRef workload = patches.workloads().get(i);
			yaml.append(document(WorkloadPatch.intent(patches, workload, (live != null) ? live.get(i) : null)));
			undo.append(document(WorkloadPatch.release(patches.namespace(), workload)));
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
		return new WorkloadBundle(file, yaml.toString(), release, undo.toString(), commands, warnings);
	}

	private static String document(GenericKubernetesResource object) {
		String text = Serialization.asYaml(object);
		return text.startsWith("---") ? text : "---\n" + text;
	}

}
