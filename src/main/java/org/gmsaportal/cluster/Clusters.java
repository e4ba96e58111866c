package org.gmsaportal.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

	/**
	 * Whether the gMSA CRD or admission webhook is missing and what installing them creates; reads only.
	 * @param platform the cluster's platform ({@link Platform#GENERIC} when not known): on AKS the webhook is an
	 * add-on the admin enables, never one the portal installs
	 */
	WebhookPlan webhookPlan(String connection, Platform platform);

	/**
	 * Creates the CRD where it is missing (never replacing one) and installs the webhook with its serving
	 * certificate, then waits (bounded) until it is ready. Idempotent: a second call reports every object
	 * unchanged. A webhook someone else installed is left alone.
	 * @param ticket the ticket of the run, for the audit events
	 */
	ApplyResult installWebhook(String connection, Platform platform, String runId, @Nullable String ticket);

	/**
	 * Removes the webhook the portal installed once no credential spec is left, and says per object what it did;
	 * keeps it (and says why) otherwise. The CRD and the webhook's namespace always stay.
	 */
	DecommissionReport removeWebhook(String connection, String runId);

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

	/** What the Secret is (exists, the portal's labels, resourceVersion), never its values. Reads only. */
	SecretState inspectSecret(String connection, String namespace, String name);

	/**
	 * Server-side apply of an Opaque Secret under the portal's field manager, labelled as run {@code runId}'s, and
	 * audited with its coordinates only.
	 * @return what the Secret is afterwards, with its new resourceVersion
	 */
	SecretState applySecret(String connection, String namespace, GmsaDeployment.IdentitySecret secret, String runId,
			@Nullable String ticket);

	/** The Secret's keys and decoded values, as a node's plug-in reads them; empty when there is no such Secret. */
	Optional<GmsaDeployment.IdentitySecret> readSecret(String connection, String namespace, String name);

	/**
	 * Deletes the Secret only while it carries run {@code runId}'s labels, at the resourceVersion it checked.
	 * @return what the Secret is afterwards: absent when deleted (or already gone), else untouched
	 */
	SecretState deleteSecret(String connection, String namespace, String name, String runId, @Nullable String ticket);

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
