package org.gmsaportal.provisioning;

import java.util.List;
import java.util.Optional;

import org.gmsaportal.cluster.Clusters;
import org.gmsaportal.cluster.PreflightCheck;
import org.gmsaportal.cluster.PreflightReport;
import org.gmsaportal.cluster.PreflightRequest;
import org.gmsaportal.cluster.WorkloadChange;
import org.gmsaportal.cluster.WorkloadPage;
import org.gmsaportal.directory.Directory;
import org.gmsaportal.directory.Directory.Computers;
import org.gmsaportal.directory.Directory.DirectoryStatus;
import org.gmsaportal.directory.Directory.Ensured;
import org.gmsaportal.directory.Directory.SpnConflict;
import org.gmsaportal.directory.KdsStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * What the front doors read live, before there is a request: the configured connections, their status, the KDS
 * root keys, SPN collisions, computer accounts and the cluster preflight. Nothing here writes. An unknown directory
 * connection is an {@link InvalidRequestException} naming the field; a directory or cluster that cannot answer
 * throws its module's exception.
 */
@Component
public class LiveChecks {

	private final Directory directory;

	private final Clusters cluster;

	private final Planner planner;

	LiveChecks(Directory directory, Clusters cluster, Planner planner) {
		this.directory = directory;
		this.cluster = cluster;
		this.planner = planner;
	}

	/** The configured directory connections; none means plan-only mode. */
	public List<Directory.ConnectionSummary> directoryConnections() {
		return this.directory.connections();
	}

	/** The configured cluster connections; none means export-only mode. */
	public List<Clusters.ClusterSummary> clusterConnections() {
		return this.cluster.connections();
	}

	/** Whether the directory answers the portal's service account, and what it says about itself. */
	public DirectoryStatus directoryStatus(String connection) {
		return this.directory.status(Planner.configured(this.directory, connection));
	}

	/** The forest's KDS root keys: whether one exists, since when, and when DCs may use it for a new gMSA. */
	public KdsStatus kdsStatus(String connection) {
		return this.directory.kdsStatus(Planner.configured(this.directory, connection));
	}

	/** Whether the cluster's API server answers, and its version; a connection that cannot be built fails. */
	public PreflightCheck clusterStatus(String connection) {
		return this.cluster.reachability(connection);
	}

	/** The SPNs of {@code spns} that an object other than the gMSA {@code gmsaName} already holds. */
	public List<SpnConflict> spnConflicts(String connection, @Nullable String gmsaName, List<String> spns) {
		return this.directory.spnConflicts(Planner.configured(this.directory, connection), gmsaName, spns);
	}

	/** Computer accounts whose name or DNS host name contains {@code text}, at most a page of them. */
	public Computers findComputers(String connection, String text) {
		return this.directory.findComputers(Planner.configured(this.directory, connection), text);
	}

	/**
	 * Why these accounts cannot join the group, as the plan would report it (absent, or not a computer), or
	 * empty when they can.
	 */
	public Optional<String> membershipDrift(String connection, String group, List<String> members) {
		Ensured preview = this.directory.ensureMembership(Planner.configured(this.directory, connection), group,
				members, Directory.Mode.PREVIEW, null);
		return (preview.result() == Directory.Result.DRIFT) ? Optional.of(preview.detail()) : Optional.empty();
	}

	/**
	 * Everything the plan of this request knows would block it, each on the request field it comes from: a gMSA
	 * name a portal run owns (naming the run and its ticket) or another object holds (naming its kind and DN), a
	 * group name held by something that is not a security group, an existing portable user, a missing computer.
	 * Plans read only; the wizard asks on the identity step, before the review.
	 */
	public List<Blocker> identityBlockers(ProvisioningRequest request) {
		return this.planner.plan(request).blockers();
	}

	/**
	 * Where the request's objects would go, every OU filled in, as the plan will place them.
	 * @throws InvalidRequestException naming the {@code placement.*} field and the DN when an OU is missing or is
	 * neither an OU nor a container
	 */
	public Placement placement(ProvisioningRequest request) {
		Planner.configured(this.directory, request.directoryConnection());
		return PlanSession.place(this.directory, request);
	}

	/**
	 * The cluster preflight for a deployment as typed, against the domain of the chosen directory connection (none
	 * if that is not configured).
	 */
	public PreflightReport clusterPreflight(String clusterConnection, String directoryConnection, String namespace,
			String serviceAccount, String credSpecName, boolean forwardsDns) {
		String domain = this.directory.connections().stream().filter(c -> c.name().equals(directoryConnection))
			.map(Directory.ConnectionSummary::domain).findFirst().orElse("");
		return this.cluster.preflight(clusterConnection,
				new PreflightRequest(namespace, serviceAccount, credSpecName, domain, forwardsDns, false));
	}

	/**
	 * One page of the namespace's Deployments, StatefulSets, DaemonSets and CronJobs whose name contains
	 * {@code nameFilter}, for the wizard's workload picker. Reads only.
	 * @param continueToken the previous page's token, {@code null} for the first page
	 */
	public WorkloadPage workloads(String clusterConnection, String namespace, String nameFilter, int limit,
			@Nullable String continueToken) {
		return this.cluster.workloads(clusterConnection, namespace, nameFilter, limit, continueToken);
	}

	/**
	 * The server-side dry run of the request's picked workloads, as the plan will show it: each workload's diff, or
	 * why it cannot be patched (missing, Linux only, a field another manager owns). Writes nothing; none picked, or
	 * no live cluster, is an empty list.
	 */
	public List<WorkloadChange> reviewWorkloads(ProvisioningRequest request) {
		if (!(request.target() instanceof Target.Cluster target) || target.workloads().isEmpty()) {
			return List.of();
		}
		String domain = this.directory.connections().stream()
			.filter(c -> c.name().equals(request.directoryConnection()))
			.map(Directory.ConnectionSummary::domain).findFirst().orElse("");
		return this.cluster.reviewWorkloads(target.connection(), RequestTranslation.workloadPatches(request, domain));
	}

}
