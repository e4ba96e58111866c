package org.gmsaportal.provisioning;

import java.time.Duration;
import java.util.List;

import org.gmsaportal.cluster.ApplyResult;
import org.gmsaportal.cluster.ClusterObject;
import org.gmsaportal.cluster.DecommissionReport;
import org.gmsaportal.cluster.ExportBundle;
import org.gmsaportal.cluster.GmsaDeployment;
import org.gmsaportal.cluster.PreflightReport;
import org.gmsaportal.cluster.PreflightRequest;
import org.gmsaportal.cluster.VerifyResult;

/**
 * The cluster operations the engine uses, so its logic can be tested without a cluster; the real implementation
 * delegates to the cluster module.
 */
public interface ClusterPort {

	PreflightReport preflight(String connection, PreflightRequest request);

	ApplyResult apply(String connection, GmsaDeployment deployment);

	ExportBundle export(GmsaDeployment deployment);

	VerifyResult verify(String connection, String namespace, String workloadName, String runId, String domain,
			Duration timeout);

	DecommissionReport decommission(String connection, String runId, List<ClusterObject> created);

}
