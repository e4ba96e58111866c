package org.gmsaportal.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.jspecify.annotations.Nullable;

/**
 * The server-side apply intent of the portal's workload field manager for one workload: only the pod-template fields
 * the portal owns, so that applying it changes nothing else and applying an empty intent gives exactly them back.
 */
final class WorkloadPatch {

	static final String FIELD_MANAGER = ClusterLabels.WORKLOAD_FIELD_MANAGER;

	static final String OS_LABEL = "kubernetes.io/os";

	private static final String BETA_OS_LABEL = "beta.kubernetes.io/os";

	/** The Secret volume of the AKS on Azure Local seed document: its name and where the containers see it. */
	static final String VOLUME = "gmsa-portal-identity";

	static final String MOUNT_PATH = "C:\\gmsa-portal\\identity";

	private WorkloadPatch() {
	}

	/**
	 * @param live the workload as the cluster has it, or {@code null} when no cluster is read (export-only): then the
	 * node selector is set and no container gets the volume mount, which the bundle's warning says
	 */
	static GenericKubernetesResource intent(WorkloadPatches patches, WorkloadRef workload,
			@Nullable GenericKubernetesResource live) {
		Map<String, Object> podSpec = new LinkedHashMap<>();
		if (workload.serviceAccount()) {
			podSpec.put("serviceAccountName", patches.serviceAccount());
		}
		podSpec.put("securityContext",
				Map.of("windowsOptions", Map.of("gmsaCredentialSpecName", patches.credSpecName())));
		Map<String, String> selector = (live != null) ? nodeSelector(podSpec(live, workload.kind())) : Map.of();
		// Another manager's node selector is left as it is; a Windows-only one may be the portal's own from before.
		if (selector.isEmpty() || selector.equals(Map.of(OS_LABEL, "windows"))) {
			podSpec.put("nodeSelector", Map.of(OS_LABEL, "windows"));
		}
		if (patches.podDnsAndSecretVolume()) {
			if (patches.dns() != null) {
				podSpec.put("dnsConfig", Map.of("nameservers", patches.dns().servers(), "searches",
						List.of(patches.dns().domain())));
			}
			if (patches.identitySecret() != null) {
				podSpec.put("volumes", List.of(Map.of("name", VOLUME, "secret", Map.of("secretName",
						patches.identitySecret(), "items", List.of(Map.of("key", "username", "path", "username"))))));
				List<Map<String, Object>> containers = new ArrayList<>();
				for (String container : containerNames(live, workload.kind())) {
					containers.add(Map.of("name", container, "volumeMounts",
							List.of(Map.of("name", VOLUME, "mountPath", MOUNT_PATH, "readOnly", true))));
				}
				if (!containers.isEmpty()) {
					podSpec.put("containers", containers);
				}
			}
		}
		return resource(patches.namespace(), workload, nest(workload.kind().templatePath(), Map.of("spec", podSpec)));
	}

	/** The empty intent: applied under the workload field manager, it removes every field only that manager owns. */
	static GenericKubernetesResource release(String namespace, WorkloadRef workload) {
		return resource(namespace, workload, Map.of());
	}

	private static GenericKubernetesResource resource(String namespace, WorkloadRef workload,
			Map<String, Object> content) {
		GenericKubernetesResource resource = new GenericKubernetesResource();
		resource.setApiVersion(workload.kind().apiVersion());
		resource.setKind(workload.kind().kind());
		resource.setMetadata(new ObjectMetaBuilder().withName(workload.name()).withNamespace(namespace).build());
		content.forEach(resource::setAdditionalProperty);
		return resource;
	}

	/** {@code path} [a, b] and value v as {a: {b: v}}, from the outermost key. */
	private static Map<String, Object> nest(List<String> path, Map<String, Object> value) {
		Map<String, Object> nested = value;
		for (int i = path.size() - 1; i >= 0; i--) {
			nested = Map.of(path.get(i), nested);
		}
		return nested;
	}

	/** The pod spec of a live workload, empty when it has none. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> podSpec(GenericKubernetesResource live, WorkloadKind kind) {
		Object node = live.getAdditionalProperties();
		for (String key : kind.templatePath()) {
			node = (node instanceof Map<?, ?> map) ? map.get(key) : null;
		}
		node = (node instanceof Map<?, ?> template) ? template.get("spec") : null;
		return (node instanceof Map<?, ?> spec) ? (Map<String, Object>) spec : Map.of();
	}

	static Map<String, String> nodeSelector(Map<String, Object> podSpec) {
		Map<String, String> selector = new LinkedHashMap<>();
		if (podSpec.get("nodeSelector") instanceof Map<?, ?> map) {
			map.forEach((key, value) -> selector.put(String.valueOf(key), String.valueOf(value)));
		}
		return selector;
	}

	static boolean linuxOnly(Map<String, String> selector) {
		return "linux".equals(selector.get(OS_LABEL)) || "linux".equals(selector.get(BETA_OS_LABEL));
	}

	static @Nullable String string(Map<String, Object> map, String... path) {
		Object node = map;
		for (String key : path) {
			node = (node instanceof Map<?, ?> m) ? m.get(key) : null;
		}
		return (node instanceof String text) ? text : null;
	}

	private static List<String> containerNames(@Nullable GenericKubernetesResource live, WorkloadKind kind) {
		if (live == null || !(podSpec(live, kind).get("containers") instanceof List<?> containers)) {
			return List.of();
		}
		return containers.stream()
			.filter((c) -> c instanceof Map<?, ?>)
			.map((c) -> String.valueOf(((Map<?, ?>) c).get("name")))
			.toList();
	}

}
