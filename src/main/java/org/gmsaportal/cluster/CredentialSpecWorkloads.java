package org.gmsaportal.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.jspecify.annotations.Nullable;

/**
 * Which workloads reference which credential spec, in the pod's or a container's
 * {@code securityContext.windowsOptions.gmsaCredentialSpecName}: Deployments, StatefulSets, DaemonSets, CronJobs,
 * and Pods no controller owns (an owned Pod is its workload's, already counted). Named {@code Kind/namespace/name}.
 */
final class CredentialSpecWorkloads {

	private final Map<String, Set<String>> byCredSpec = new HashMap<>();

	static CredentialSpecWorkloads read(KubernetesClient client, PartialReads reads) {
		CredentialSpecWorkloads workloads = new CredentialSpecWorkloads();
		for (Deployment d : reads.list(ClusterListing.WORKLOADS, "Deployments in every namespace",
				() -> Pages.all((o) -> client.apps().deployments().inAnyNamespace().list(o)))) {
			workloads.add("Deployment", d, template(d.getSpec() != null ? d.getSpec().getTemplate() : null));
		}
		for (StatefulSet s : reads.list(ClusterListing.WORKLOADS, "StatefulSets in every namespace",
				() -> Pages.all((o) -> client.apps().statefulSets().inAnyNamespace().list(o)))) {
			workloads.add("StatefulSet", s, template(s.getSpec() != null ? s.getSpec().getTemplate() : null));
		}
		for (DaemonSet s : reads.list(ClusterListing.WORKLOADS, "DaemonSets in every namespace",
				() -> Pages.all((o) -> client.apps().daemonSets().inAnyNamespace().list(o)))) {
			workloads.add("DaemonSet", s, template(s.getSpec() != null ? s.getSpec().getTemplate() : null));
		}
		for (CronJob c : reads.list(ClusterListing.WORKLOADS, "CronJobs in every namespace",
				() -> Pages.all((o) -> client.batch().v1().cronjobs().inAnyNamespace().list(o)))) {
			PodTemplateSpec template = (c.getSpec() != null && c.getSpec().getJobTemplate() != null
					&& c.getSpec().getJobTemplate().getSpec() != null)
							? c.getSpec().getJobTemplate().getSpec().getTemplate() : null;
			workloads.add("CronJob", c, template(template));
		}
		for (Pod pod : reads.list(ClusterListing.WORKLOADS, "Pods in every namespace",
				() -> Pages.all((o) -> client.pods().inAnyNamespace().list(o)))) {
			if (pod.getMetadata().getOwnerReferences() == null || pod.getMetadata().getOwnerReferences().isEmpty()) {
				workloads.add("Pod", pod, pod.getSpec());
			}
		}
		return workloads;
	}

	/** The workloads that reference the credential spec, sorted. */
	List<String> of(String credSpecName) {
		return List.copyOf(this.byCredSpec.getOrDefault(credSpecName, Set.of()));
	}

	private void add(String kind, HasMetadata workload, @Nullable PodSpec spec) {
		if (spec == null) {
			return;
		}
		String name = kind + "/" + workload.getMetadata().getNamespace() + "/" + workload.getMetadata().getName();
		Stream<Container> containers = Stream.concat(list(spec.getContainers()).stream(),
				list(spec.getInitContainers()).stream());
		Stream.concat(Stream.of(podLevel(spec)), containers.map(CredentialSpecWorkloads::containerLevel))
			.filter((credSpec) -> credSpec != null && !credSpec.isEmpty())
			.forEach((credSpec) -> this.byCredSpec.computeIfAbsent(credSpec, (k) -> new TreeSet<>()).add(name));
	}

	private static @Nullable PodSpec template(@Nullable PodTemplateSpec template) {
		return (template != null) ? template.getSpec() : null;
	}

	private static @Nullable String podLevel(PodSpec spec) {
		return (spec.getSecurityContext() != null && spec.getSecurityContext().getWindowsOptions() != null)
				? spec.getSecurityContext().getWindowsOptions().getGmsaCredentialSpecName() : null;
	}

	private static @Nullable String containerLevel(Container container) {
		return (container.getSecurityContext() != null && container.getSecurityContext().getWindowsOptions() != null)
				? container.getSecurityContext().getWindowsOptions().getGmsaCredentialSpecName() : null;
	}

	private static <T> List<T> list(@Nullable List<T> items) {
		return (items != null) ? items : List.of();
	}

}
