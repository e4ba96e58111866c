package org.gmsaportal.cluster;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.gmsaportal.audit.AuditTrail;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Puts one gMSA deployment onto a cluster with server-side apply, or into a bundle, and takes it off again.
 */
@Service
class ClusterDeployments {

	private final ClusterClients clients;

	private final ServerSideApplier applier;

	private final ClusterAudit audit;

	ClusterDeployments(ClusterClients clients, AuditTrail auditTrail) {
		this.clients = clients;
		this.audit = new ClusterAudit(auditTrail);
		this.applier = new ServerSideApplier(this.audit);
	}

	/** Server-side dry run of every object: what would change, as a readable diff. Writes nothing. */
	ApplyResult plan(String connection, GmsaDeployment deployment) {
		KubernetesClient client = this.clients.forConnection(connection);
		DeploymentPlanner.Planned planned = DeploymentPlanner.plan(client, deployment);
		List<ObjectChange> changes = planned.objects().stream().map((o) -> this.applier.dryRun(client, o)).toList();
		return new ApplyResult(changes, planned.warnings(), true);
	}

	/**
	 * Dry run first, then server-side apply of what changes, in order. Idempotent: a second call reports every
	 * object unchanged and writes nothing. Record the returned objects: decommission needs them.
	 */
	ApplyResult apply(String connection, GmsaDeployment deployment, @Nullable String ticket) {
		KubernetesClient client = this.clients.forConnection(connection);
		DeploymentPlanner.Planned planned = DeploymentPlanner.plan(client, deployment);
		List<ObjectChange> dryRun = planned.objects().stream().map((o) -> this.applier.dryRun(client, o)).toList();
		List<ObjectChange> applied = new ArrayList<>();
		for (int i = 0; i < planned.objects().size(); i++) {
			applied.add(this.applier.apply(client, connection, deployment.runId(), ticket, planned.objects().get(i),
					dryRun.get(i)));
		}
		return new ApplyResult(applied, planned.warnings(), false);
	}

	/**
	 * The same objects as a multi-document YAML bundle plus the equivalent kubectl commands.
	 * @param connection a cluster to read the CRD version and Corefile from, or {@code null} in export-only mode
	 * @param includeSecretData whether the admin chose to put the identity Secret's values into the bundle
	 */
	ExportBundle export(GmsaDeployment deployment, @Nullable String connection, boolean includeSecretData) {
		List<HasMetadata> objects;
		List<String> warnings;
		if (connection != null) {
			DeploymentPlanner.Planned planned = DeploymentPlanner.plan(this.clients.forConnection(connection), deployment);
			objects = planned.objects();
			warnings = planned.warnings();
		}
		else {
			objects = GmsaManifests.build(deployment, "v1", null);
			List<String> violations = CredSpecSchema.violations(deployment.credSpec(), CredSpecSchema.UPSTREAM);
			warnings = violations.isEmpty() ? List.of()
					: List.of("The credential spec does not match the upstream CRD schema: " + String.join("; ", violations));
		}
		return BundleExporter.export(deployment, objects, warnings, includeSecretData, connection == null);
	}

	/**
	 * Deletes exactly the objects a run created, newest first, each only if it still carries the run's label
	 * and the recorded uid. Everything else is left alone and reported.
	 */
	DecommissionReport decommission(String connection, String runId, List<ClusterObject> created) {
		return new Decommissioner(this.audit).decommission(this.clients.forConnection(connection), connection, runId,
				created);
	}

}
