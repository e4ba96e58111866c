package org.gmsaportal.provisioning;

import java.time.Duration;
import java.util.List;

import org.gmsaportal.cluster.ApplyResult;
import org.gmsaportal.cluster.ClusterDeployments;
import org.gmsaportal.cluster.ClusterObject;
import org.gmsaportal.cluster.ClusterPreflight;
import org.gmsaportal.cluster.ClusterVerification;
import org.gmsaportal.cluster.DecommissionReport;
import org.gmsaportal.cluster.ExportBundle;
import org.gmsaportal.cluster.GmsaDeployment;
import org.gmsaportal.cluster.PreflightReport;
import org.gmsaportal.cluster.PreflightRequest;
import org.gmsaportal.cluster.VerifyRequest;
import org.gmsaportal.cluster.VerifyResult;

import org.springframework.stereotype.Component;

/**
 * The engine's cluster port over the real cluster module.
 */
@Component
class ClusterModuleAdapter implements ClusterPort {

	private final ClusterPreflight preflight;

	private final ClusterDeployments deployments;

	private final ClusterVerification verification;

	ClusterModuleAdapter(ClusterPreflight preflight, ClusterDeployments deployments, ClusterVerification verification) {
		this.preflight = preflight;
		this.deployments = deployments;
		this.verification = verification;
	}

	@Override
	public PreflightReport preflight(String connection, PreflightRequest request) {
		return this.preflight.check(connection, request);
	}

	@Override
	public ApplyResult apply(String connection, GmsaDeployment deployment) {
		return this.deployments.apply(connection, deployment);
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
