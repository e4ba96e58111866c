package org.gmsaportal.cluster;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A deployment as files for GitOps or change-managed clusters instead of a live apply.
 *
 * @param fileName suggested file name of the bundle
 * @param yaml multi-document YAML, one Kubernetes object per document, in apply order
 * @param kubectlCommands the commands that do what the portal's apply and decommission would do
 * @param coreDnsBlock the Corefile block to add by hand when no cluster was read, else {@code null}
 * @param warnings what the admin should know before using the bundle
 */
public record ExportBundle(String fileName, String yaml, List<String> kubectlCommands, @Nullable String coreDnsBlock,
		List<String> warnings) {

	public ExportBundle {
		kubectlCommands = List.copyOf(kubectlCommands);
		warnings = List.copyOf(warnings);
	}

	/**
	 * The same bundle carrying the admin's workloads: each one's apply patch as a comment with its command, the
	 * commands in the list (decommission's release of their fields before the objects are deleted).
	 */
	public ExportBundle withWorkloads(WorkloadBundle workloads) {
		return WorkloadNote.add(this, workloads);
	}

	/**
	 * The bundle's one file name, wherever it is named (kubectl commands, review, run page, API): from the
	 * {@code GMSACredentialSpec} resource name, which the admin chose and which is known before any run.
	 */
	public static String fileNameFor(String credSpecName) {
		return credSpecName + "-bundle.yaml";
	}

}
