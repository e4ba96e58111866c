package org.gmsaportal.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.jspecify.annotations.Nullable;

/**
 * Builds the Kubernetes objects of one gMSA deployment, in the order they must be applied.
 */
final class GmsaManifests {

	static final String COREDNS_NAMESPACE = "kube-system";

	static final String COREDNS_NAME = "coredns";

	private GmsaManifests() {
	}

	/** The cluster's Corefile as it is now; {@code null} without a CoreDNS ConfigMap or a Corefile in it. */
	static @Nullable String currentCorefile(KubernetesClient client) {
		ConfigMap coreDns = client.configMaps().inNamespace(COREDNS_NAMESPACE).withName(COREDNS_NAME).get();
		return (coreDns != null && coreDns.getData() != null) ? coreDns.getData().get("Corefile") : null;
	}

	/**
	 * @param credSpecVersion {@code v1}, or {@code v1alpha1} on clusters whose CRD serves nothing newer
	 * @param currentCorefile the cluster's Corefile when a DNS forward is wanted; {@code null} leaves CoreDNS out
	 */
	static List<HasMetadata> build(GmsaDeployment deployment, String credSpecVersion, @Nullable String currentCorefile) {
		List<HasMetadata> objects = new ArrayList<>();
		objects.add(credSpec(deployment, credSpecVersion));
		objects.add(new ClusterRoleBuilder().withNewMetadata()
			.withName(deployment.clusterRoleName())
			.withLabels(labels(deployment))
			.endMetadata()
			.addNewRule()
			.withApiGroups(GmsaCrd.GROUP)
			.withResources(GmsaCrd.PLURAL)
			.withVerbs("use")
			.withResourceNames(deployment.credSpecName())
			.endRule()
			.build());
		objects.add(new RoleBindingBuilder().withNewMetadata()
			.withName(deployment.roleBindingName())
			.withNamespace(deployment.namespace())
			.withLabels(labels(deployment))
			.endMetadata()
			.addNewSubject("", "ServiceAccount", deployment.serviceAccount(), deployment.namespace())
			.withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", deployment.clusterRoleName())
			.build());
		if (deployment.identitySecret() != null) {
			objects.add(identitySecret(deployment, deployment.identitySecret()));
		}
		if (deployment.dnsForward() != null && currentCorefile != null) {
			String merged = CorefileMerge.merge(currentCorefile, deployment.dnsForward(), deployment.runId());
			if (!merged.equals(currentCorefile)) {
				objects.add(coreDns(merged));
			}
		}
		if (deployment.sampleWorkload() != null) {
			objects.add(sampleWorkload(deployment, deployment.sampleWorkload()));
		}
		return objects;
	}

	static Map<String, String> labels(GmsaDeployment deployment) {
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put(ClusterLabels.MANAGED_BY, ClusterLabels.PORTAL);
		labels.put(ClusterLabels.RUN_ID, deployment.runId());
		return labels;
	}

	private static GenericKubernetesResource credSpec(GmsaDeployment deployment, String version) {
		// No spec: the CRD puts the payload under a top-level credspec key (KEP 689).
		return new GenericKubernetesResourceBuilder().withApiVersion(GmsaCrd.GROUP + "/" + version)
			.withKind(GmsaCrd.KIND)
			.withNewMetadata()
			.withName(deployment.credSpecName())
			.withLabels(labels(deployment))
			.endMetadata()
			.addToAdditionalProperties("credspec", deployment.credSpec())
			.build();
	}

	private static HasMetadata identitySecret(GmsaDeployment deployment, GmsaDeployment.IdentitySecret secret) {
		// data, not stringData: the API server stores data, so a dry run compares like with like.
		Map<String, String> data = new LinkedHashMap<>();
		secret.data().forEach((key, value) -> data.put(key,
				Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
		return new SecretBuilder().withNewMetadata()
			.withName(secret.name())
			.withNamespace(deployment.namespace())
			.withLabels(labels(deployment))
			.endMetadata()
			.withType("Opaque")
			.withData(data)
			.build();
	}

	/** Only the Corefile key: the ConfigMap belongs to the cluster, the portal owns one field of it. */
	static HasMetadata coreDns(String corefile) {
		return new ConfigMapBuilder().withNewMetadata()
			.withName(COREDNS_NAME)
			.withNamespace(COREDNS_NAMESPACE)
			.endMetadata()
			.addToData("Corefile", corefile)
			.build();
	}

	private static HasMetadata sampleWorkload(GmsaDeployment deployment, GmsaDeployment.SampleWorkload workload) {
		Map<String, String> podLabels = new LinkedHashMap<>(labels(deployment));
		podLabels.put("app", workload.name());
		return new DeploymentBuilder().withNewMetadata()
			.withName(workload.name())
			.withNamespace(deployment.namespace())
			.withLabels(labels(deployment))
			.endMetadata()
			.withNewSpec()
			.withReplicas(1)
			.withNewSelector()
			.addToMatchLabels("app", workload.name())
			.addToMatchLabels(ClusterLabels.RUN_ID, deployment.runId())
			.endSelector()
			.withNewTemplate()
			.withNewMetadata()
			.withLabels(podLabels)
			.endMetadata()
			.withNewSpec()
			.withServiceAccountName(deployment.serviceAccount())
			.withNewSecurityContext()
			.withNewWindowsOptions()
			.withGmsaCredentialSpecName(deployment.credSpecName())
			.endWindowsOptions()
			.endSecurityContext()
			.addToNodeSelector("kubernetes.io/os", "windows")
			.addNewContainer()
			.withName("iis")
			.withImage(workload.image())
			.addNewPort()
			.withContainerPort(80)
			.endPort()
			.endContainer()
			.endSpec()
			.endTemplate()
			.endSpec()
			.build();
	}

}
