package org.gmsaportal.provisioning;

import java.util.List;
import java.util.Map;

import org.gmsaportal.cluster.Clusters;
import org.gmsaportal.cluster.ExportBundle;
import org.gmsaportal.cluster.WorkloadRef;

/**
 * The bundle of an export: the gMSA objects, the CoreDNS forward block where the platform merges one, and the apply
 * patch of each workload the request names. The run's export step and plan-only mode make it the same way.
 */
final class ExportBundles {

	private ExportBundles() {
	}

	/** Reads no cluster and puts no secret value in: the identity Secret, if any, carries a placeholder. */
	static ExportBundle of(Clusters clusters, String runId, ProvisioningRequest request, String domain,
			Map<String, Object> credSpec) {
		ExportBundle bundle = clusters.export(RequestTranslation.deployment(runId, request, domain, credSpec, null));
		List<WorkloadRef> workloads = RequestTranslation.workloads(request.target());
		if (workloads.isEmpty()) {
			return bundle;
		}
		// Export-only: no cluster to read the workloads from, so the patches are those of workloads as typed.
		return bundle.withWorkloads(clusters.exportWorkloads(null, RequestTranslation.workloadPatches(request,
				domain)));
	}

	/** What the plan's export step says it will put in the bundle beyond the objects. */
	static String described(Target.ExportOnly export) {
		StringBuilder text = new StringBuilder();
		if (!export.workloads().isEmpty()) {
			text.append("; the apply patch of the portal's fields (field manager ")
				.append(org.gmsaportal.cluster.ClusterLabels.WORKLOAD_FIELD_MANAGER).append(", never forced) for ")
				.append(String.join(", ", export.workloads().stream().map(WorkloadRef::label).toList()))
				.append(", as typed: no cluster is read, so whether each exists is checked when it is applied");
		}
		return text.toString();
	}

}
