package org.gmsaportal.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * The admin's own workloads in a bundle. Their patches cannot be documents of the bundle: it is applied under the
 * portal's object field manager and decommissioned by deleting each document's object, which would take the
 * admin's workload with it. So, as with the CoreDNS block, the bundle carries each workload's apply patch as a
 * comment with the command that applies it under the workload field manager, and the same commands go in the
 * bundle's command list, decommission's release before the objects it names are deleted.
 */
final class WorkloadNote {

	private WorkloadNote() {
	}

	static ExportBundle add(ExportBundle bundle, WorkloadBundle workloads) {
		if (workloads.patches().isEmpty()) {
			return bundle;
		}
		StringBuilder yaml = new StringBuilder(bundle.yaml()).append(comment(workloads));
		List<String> commands = new ArrayList<>();
		List<String> releases = workloads.patches().stream().map((p) -> p.releaseCommand()
			.replaceFirst("\n", "   # decommission: gives back only the portal's fields on " + p.label() + "\n"))
			.toList();
		boolean placed = false;
		for (String command : bundle.kubectlCommands()) {
			if (!placed && command.contains("# decommission")) {
				workloads.patches().forEach((p) -> commands.add(p.applyCommand()));
				commands.addAll(releases);
				placed = true;
			}
			commands.add(command);
		}
		if (!placed) {
			workloads.patches().forEach((p) -> commands.add(p.applyCommand()));
			commands.addAll(releases);
		}
		List<String> warnings = new ArrayList<>(bundle.warnings());
		warnings.add("The workloads' apply patches are at the end of the bundle as comments, one per workload, with"
				+ " the command that applies each under field manager " + WorkloadPatch.FIELD_MANAGER + " (never"
				+ " --force-conflicts): they are not documents, since the bundle's decommission deletes its documents'"
				+ " objects.");
		warnings.addAll(workloads.warnings());
		return new ExportBundle(bundle.fileName(), yaml.toString(), commands, bundle.coreDnsBlock(), warnings);
	}

	private static String comment(WorkloadBundle workloads) {
		StringBuilder text = new StringBuilder();
		for (WorkloadBundle.Patch patch : workloads.patches()) {
			text.append("\n# --- Workload ").append(patch.label()).append(": only the fields gMSA Portal owns; apply")
				.append(" under its own field manager, never forced ---\n#\n");
			text.append("#   ").append(patch.applyCommand().replace("\n", "\n#   ")).append('\n');
		}
		return text.toString();
	}

}
