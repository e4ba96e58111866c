package org.gmsaportal.cluster;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The module's face over its parts.
 */
@Component
class ClustersFacade implements Clusters {

	private final ClusterConnections connections;

	private final ClusterPreflight preflight;

	private final ClusterDeployments deployments;

	private final ClusterVerification verification;

	private final ClusterWorkloads workloads;

	ClustersFacade(ClusterConnections connections, ClusterPreflight preflight, ClusterDeployments deployments,
			ClusterVerification verification, ClusterWorkloads workloads) {
		this.workloads = workloads;
		this.connections = connections;
		this.preflight = preflight;
		this.deployments = deployments;
		this.verification = verification;
	}

	@Override
	public List<ClusterSummary> connections() {
		return this.connections.all();
	}

	@Override
	public PreflightCheck reachability(String connection) {
		return this.preflight.reachability(connection);
	}

	@Override
	public PreflightReport preflight(String connection, PreflightRequest request) {
		return this.preflight.check(connection, request);
	}

	@Override
	public ApplyResult apply(String connection, GmsaDeployment deployment, @Nullable String ticket) {
		return this.deployments.apply(connection, deployment, ticket);
	}

	@Override
	public ExportBundle export(GmsaDeployment deployment) {
		// Export-only mode reads no cluster, and secret values never go into a stored bundle.
		return this.deployments.export(deployment, null, false);
	}

	@Override
	public VerifyResult verify(String connection, String namespace, String workloadName, String runId, String domain,
			Duration timeout) {
		return this.verification.verify(connection, new VerifyRequest(namespace, workloadName, runId, domain, timeout),
				(line) -> {
				});
	}

	@Override
	public DecommissionReport decommission(String connection, String runId, List<ClusterObject> created) {
		return this.deployments.decommission(connection, runId, created);
	}

	@Override
	public WorkloadPage workloads(String connection, String namespace, String nameFilter, int limit,
			@Nullable String continueToken) {
		return this.workloads.list(connection, namespace, nameFilter, limit, continueToken);
	}

	@Override
	public List<WorkloadChange> reviewWorkloads(String connection, WorkloadPatches patches) {
		return this.workloads.review(connection, patches);
	}

	@Override
	public WorkloadChange patchWorkload(String connection, WorkloadPatches patches, WorkloadRef workload, String runId,
			@Nullable String ticket) {
		return this.workloads.apply(connection, patches, workload, runId, ticket);
	}

	@Override
	public WorkloadChange releaseWorkload(String connection, String namespace, WorkloadRef workload,
			@Nullable String uid, String runId) {
		return this.workloads.release(connection, namespace, workload, uid, runId);
	}

	@Override
	public WorkloadBundle exportWorkloads(@Nullable String connection, WorkloadPatches patches) {
		return this.workloads.export(connection, patches);
	}

}
