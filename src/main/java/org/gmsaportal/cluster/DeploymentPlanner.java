package org.gmsaportal.cluster;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jspecify.annotations.Nullable;

/**
 * Reads what a deployment depends on in the cluster (CRD version, Corefile) and builds its objects from it.
 */
final class DeploymentPlanner {

	private DeploymentPlanner() {
	}

	/**
	 * @param objects the objects to apply, in order
	 * @param warnings what the admin should know before applying
	 */
	record Planned(List<HasMetadata> objects, List<String> warnings) {
	}

	static Planned plan(KubernetesClient client, GmsaDeployment deployment) {
		try {
			GmsaCrd crd = GmsaCrd.read(client);
			String version = crd.preferredVersion()
				.orElseThrow(() -> new ClusterOperationException("The CRD " + GmsaCrd.NAME
						+ " is not installed or serves no usable version: install the windows-gmsa webhook and CRD"
						+ " first (the plan's INSTALL_GMSA_WEBHOOK step does where it is missing, or the Helm chart or"
						+ " deploy script). The portal never replaces an existing CRD."));
			List<String> warnings = new ArrayList<>();
			if (!"v1".equals(version)) {
				warnings.add("The cluster serves only windows.k8s.io/" + version
						+ ", which is deprecated: the credspec is written as " + version
						+ "; upgrade the windows-gmsa CRD to serve v1.");
			}
			List<String> violations = CredSpecSchema.violations(deployment.credSpec(), crd.credspecSchema(version));
			if (!violations.isEmpty()) {
				throw new ClusterOperationException("The credential spec does not match the cluster's "
						+ GmsaCrd.NAME + " schema: " + String.join("; ", violations));
			}
			String corefile = (deployment.dnsForward() != null) ? corefile(client) : null;
			return new Planned(GmsaManifests.build(deployment, version, corefile), warnings);
		}
		catch (KubernetesClientException ex) {
			throw KubernetesErrors.translate(ex, "read the gMSA CRD and CoreDNS configuration", true);
		}
	}

	private static @Nullable String corefile(KubernetesClient client) {
		String corefile = GmsaManifests.currentCorefile(client);
		if (corefile == null) {
			throw new ClusterOperationException("The cluster has no kube-system/coredns ConfigMap with a Corefile,"
					+ " so the portal cannot add the DNS forward: set dnsConfig on the workload instead, or configure"
					+ " the cluster's DNS to resolve the AD domain.");
		}
		return corefile;
	}

}
