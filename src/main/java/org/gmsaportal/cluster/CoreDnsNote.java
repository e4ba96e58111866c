package org.gmsaportal.cluster;

import java.util.List;

/**
 * The CoreDNS forward block in a bundle made without a cluster. The live path merges it into
 * {@code kube-system/coredns}; a bundle cannot carry that ConfigMap, because it would hold only the portal's block
 * and applying it would replace the cluster's whole Corefile. So the bundle carries the block as a comment with
 * the commands that append it, and the same commands go in the bundle's command list.
 */
final class CoreDnsNote {

	static final String WARNING = "The CoreDNS forward block for the domain is not a document of the bundle (the"
			+ " Corefile is the cluster's): it is at the end of the bundle as a comment, with the kubectl commands that"
			+ " append it to kube-system/coredns; with GitOps, add it to the Corefile where CoreDNS is managed.";

	private CoreDnsNote() {
	}

	/** The block and how to add it, as YAML comments after the last document. */
	static String comment(GmsaDeployment.DnsForward forward, String block) {
		StringBuilder text = new StringBuilder("\n# --- CoreDNS: forward " + forward.domain() + " to "
				+ String.join(" ", forward.servers()) + " ---\n"
				+ "# The portal's live apply merges the block below into the Corefile of ConfigMap kube-system/coredns"
				+ " and\n# nothing else. It is not a document here: a ConfigMap with only this block would replace the"
				+ " cluster's\n# whole Corefile. Append it (GitOps: add it to the Corefile where CoreDNS is managed):\n#\n");
		commands(block).forEach((command) -> text.append("#   ").append(command.replace("\n", "\n#   ")).append('\n'));
		return text.toString();
	}

	/**
	 * Reads the cluster's Corefile, appends the block unless a server block for the domain is there already, and
	 * applies only the Corefile key under the portal's field manager, as the live path does.
	 */
	static List<String> commands(String block) {
		String domain = block.lines().filter((l) -> l.endsWith(":53 {")).findFirst().orElse("").replace(":53 {", "");
		return List.of("kubectl -n kube-system get configmap coredns -o jsonpath='{.data.Corefile}' > Corefile",
				"grep -q '^" + domain.replace(".", "\\.") + ":53 ' Corefile || cat >> Corefile <<'EOF'\n"
						+ block.strip() + "\nEOF",
				"kubectl -n kube-system create configmap coredns --from-file=Corefile --dry-run=client -o yaml"
						+ " | kubectl apply --server-side --field-manager=" + ClusterLabels.FIELD_MANAGER
						+ " --force-conflicts -f -");
	}

	static String decommission(GmsaDeployment.DnsForward forward, String runId) {
		return "kubectl -n kube-system edit configmap coredns   # decommission: delete the lines from '# gmsa-portal:"
				+ " forward " + forward.domain() + " run=" + runId + "' to '# gmsa-portal: end " + forward.domain() + "'";
	}

}
