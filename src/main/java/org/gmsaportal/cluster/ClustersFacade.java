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

	ClustersFacade(ClusterConnections connections, ClusterPreflight preflight, ClusterDeployments deployments,
			ClusterVerification verification) {
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
	public Platform platform(String connection) {
		return this.connections.platform(connection);
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

}
