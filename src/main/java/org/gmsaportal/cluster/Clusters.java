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
	 * One page of the namespace's Deployments, StatefulSets, DaemonSets and CronJobs whose name contains the filter,
	 * for the workload picker. Reads only, with at most a few list calls.
	 * @param continueToken the previous page's {@link WorkloadPage#continueToken()}, {@code null} for the first
	 */
	WorkloadPage workloads(String connection, String namespace, String nameFilter, int limit,
			@Nullable String continueToken);

	/**
	 * Server-side dry run of the portal's workload fields on each picked workload: the diff, or why it cannot be
	 * patched (missing, Linux only, a field another manager owns). Writes nothing.
	 */
	List<WorkloadChange> reviewWorkloads(String connection, WorkloadPatches patches);

	/**
	 * Server-side apply of the portal's fields on one workload under its workload field manager, never forced; a
	 * conflict or a blocked workload comes back as the change, unapplied. Audited with the run.
	 */
	WorkloadChange patchWorkload(String connection, WorkloadPatches patches, WorkloadRef workload, String runId,
			@Nullable String ticket);

	/**
	 * Gives back the fields the portal set on one workload (an empty intent under its field manager); the workload
	 * and every other manager's fields stay.
	 * @param uid the uid recorded when it was patched: a namesake created since is left alone
	 */
	WorkloadChange releaseWorkload(String connection, String namespace, WorkloadRef workload, @Nullable String uid,
			String runId);

	/**
	 * The workload fields as apply intents and their release, with kubectl commands.
	 * @param connection a cluster to read the workloads' node selectors and containers from, or {@code null}
	 */
	WorkloadBundle exportWorkloads(@Nullable String connection, WorkloadPatches patches);

	/**
	 * One configured connection, as the Connections page shows it.
	 *
	 * @param name the connection's name
	 * @param source where its credentials come from (a file path or the pod's account, never the secret)
	 */
	record ClusterSummary(String name, String source) {
	}

}
