package org.gmsaportal.cluster;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The cluster module's one face: Kubernetes as the provisioning engine and the wizard's live checks use it, by
 * connection name. Every write is audited with the run that asked for it, because the caller names the run.
 * Failures throw a {@link ClusterOperationException} whose message tells the admin what to do.
 */
public interface Clusters {

	/** The configured connections, without any credential. None means export-only mode. */
	List<ClusterSummary> connections();

	/**
	 * The platform the connection is configured with ({@code gmsa.cluster.connections.<name>.platform}),
	 * {@link Platform#GENERIC} when it names none or the name is not configured. Reads no cluster.
	 */
	default Platform platform(String connection) {
		return Platform.GENERIC;
	}

	/**
	 * Only whether the API server answers and which Kubernetes version it runs, cheap enough to show while the
	 * admin picks a connection; a connection that cannot even be built fails with the reason.
	 */
	PreflightCheck reachability(String connection);

	/** Everything a gMSA workload needs, checked before the portal changes anything. Reads only. */
	PreflightReport preflight(String connection, PreflightRequest request);

	/**
	 * Dry run first, then server-side apply of what changes, in order. Idempotent: a second call reports every
	 * object unchanged and writes nothing. Record the returned objects: decommission needs them.
	 * @param ticket the ticket of the run ({@link GmsaDeployment#runId()}), for the audit events
	 */
	ApplyResult apply(String connection, GmsaDeployment deployment, @Nullable String ticket);

	/** The objects as a YAML bundle with kubectl commands; reads no cluster and puts no secret value in. */
	ExportBundle export(GmsaDeployment deployment);

	/** Waits (bounded) for the run's sample workload and proves its domain logon from inside the pod. */
	VerifyResult verify(String connection, String namespace, String workloadName, String runId, String domain,
			Duration timeout);

	/**
	 * Deletes exactly the objects run {@code runId} created, newest first, each only if it still carries the run's
	 * label and the recorded uid; everything else is left alone and reported.
	 */
	DecommissionReport decommission(String connection, String runId, List<ClusterObject> created);

	/**
	 * One configured connection, as the Connections page shows it.
	 *
	 * @param name the connection's name
	 * @param source where its credentials come from (a file path or the pod's account, never the secret)
	 */
	record ClusterSummary(String name, String source) {
	}

}
