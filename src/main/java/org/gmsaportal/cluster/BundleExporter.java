package org.gmsaportal.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Renders a deployment's objects as one YAML bundle and the kubectl commands equivalent to apply and decommission.
 */
final class BundleExporter {

	/** Stands in for Secret values the admin chose not to export. */
	static final String PLACEHOLDER = "REPLACE-ME";

	private BundleExporter() {
	}

	static ExportBundle export(GmsaDeployment deployment, List<HasMetadata> objects, List<String> warnings,
			boolean includeSecretData, boolean exportOnly) {
		String file = ExportBundle.fileNameFor(deployment.credSpecName());
		StringBuilder yaml = new StringBuilder(header(file, deployment.namespace()));
		boolean coreDns = false;
		for (HasMetadata object : objects) {
			HasMetadata exported = (object instanceof Secret secret && !includeSecretData) ? withoutValues(secret) : object;
			coreDns |= GmsaManifests.COREDNS_NAME.equals(object.getMetadata().getName()) && "ConfigMap".equals(object.getKind());
			String document = Serialization.asYaml(exported);
			yaml.append(document.startsWith("---") ? document : "---\n" + document);
		}
		String apply = "kubectl apply --server-side --field-manager=" + ClusterLabels.FIELD_MANAGER
				+ (coreDns ? " --force-conflicts" : "") + " -f " + file;
		List<String> commands = new ArrayList<>();
		commands.add(apply.replace(" -f ", " --dry-run=server -f "));
		commands.add("kubectl diff --server-side --field-manager=" + ClusterLabels.FIELD_MANAGER + " -f " + file);
		commands.add(apply);
		String block = null;
		if (exportOnly && deployment.dnsForward() != null) {
			block = CorefileMerge.block(deployment.dnsForward(), deployment.runId());
			yaml.append(CoreDnsNote.comment(deployment.dnsForward(), block));
			commands.addAll(CoreDnsNote.commands(block));
		}
		for (int i = objects.size() - 1; i >= 0; i--) {
			HasMetadata object = objects.get(i);
			if (object.getMetadata().getLabels() == null) {
				commands.add("kubectl -n kube-system edit configmap coredns   # decommission: remove the gmsa-portal block"
						+ " of run " + deployment.runId());
				continue;
			}
			String namespace = object.getMetadata().getNamespace();
			commands.add("kubectl delete " + resourceType(object) + " " + object.getMetadata().getName()
					+ ((namespace != null) ? " -n " + namespace : "") + "   # decommission");
		}
		if (block != null) {
			commands.add(CoreDnsNote.decommission(deployment.dnsForward(), deployment.runId()));
		}
		List<String> allWarnings = new ArrayList<>(warnings);
		allWarnings.add(namespaceNote(deployment.namespace()));
		if (block != null) {
			allWarnings.add(CoreDnsNote.WARNING);
		}
		if (!includeSecretData && objects.stream().anyMatch((o) -> o instanceof Secret)) {
			allWarnings.add("The identity Secret's password is not in the bundle (its user name and domain are): replace every " + PLACEHOLDER
					+ " under stringData (or create the Secret from your secret store) before applying.");
		}
		return new ExportBundle(file, yaml.toString(), commands, block, allWarnings);
	}

	/**
	 * What the file is and what it needs. The namespace is not in the bundle: it usually holds more than the
	 * portal's objects, so its decommission (kubectl delete of each object) must never take it with them.
	 */
	private static String header(String file, String namespace) {
		return "# " + file + ": the gMSA objects gMSA Portal made, for kubectl apply --server-side or GitOps.\n# "
				+ namespaceNote(namespace) + "\n";
	}

	private static String namespaceNote(String namespace) {
		return "Namespace " + namespace + " must exist before this bundle is applied (kubectl create namespace "
				+ namespace + "): the bundle does not create it, and its decommission does not delete it.";
	}

	// Who the identity is, and in which domain, is no secret and is easy to type wrongly by hand: kept as is.
	private static final Set<String> NOT_SECRET = Set.of("username", "domainName");

	/** Same Secret with its keys kept and its secret values replaced, so the bundle shows what must be filled in. */
	private static Secret withoutValues(Secret secret) {
		Map<String, String> placeholders = new LinkedHashMap<>();
		secret.getData().forEach((key, value) -> placeholders.put(key, NOT_SECRET.contains(key)
				? new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8) : PLACEHOLDER));
		return new SecretBuilder(secret).withData(null).withStringData(placeholders).build();
	}

	private static String resourceType(HasMetadata object) {
		String apiVersion = object.getApiVersion();
		String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
		String plural = GmsaCrd.KIND.equals(object.getKind()) ? GmsaCrd.PLURAL : object.getKind().toLowerCase() + "s";
		return group.isEmpty() ? plural : plural + "." + group;
	}

}
