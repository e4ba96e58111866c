package org.gmsaportal.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.gmsaportal.audit.AuditOutcome;

/**
 * Removes a run's objects in reverse order, and only those that are provably the run's own.
 */
class Decommissioner {

	private final ClusterAudit audit;

	Decommissioner(ClusterAudit audit) {
		this.audit = audit;
	}

	DecommissionReport decommission(KubernetesClient client, String connection, String runId,
			List<ClusterObject> created) {
		List<DecommissionReport.Outcome> outcomes = new ArrayList<>();
		for (int i = created.size() - 1; i >= 0; i--) {
			outcomes.add(remove(client, connection, runId, created.get(i)));
		}
		return new DecommissionReport(outcomes);
	}

	private DecommissionReport.Outcome remove(KubernetesClient client, String connection, String runId,
			ClusterObject recorded) {
		if (ServerSideApplier.FORBIDDEN_KINDS.contains(recorded.kind())) {
			return outcome(recorded, DecommissionReport.Result.LEFT_ALONE,
					"The portal never deletes " + recorded.kind() + " objects.");
		}
		if (isCoreDns(recorded)) {
			return removeForwardBlock(client, connection, runId, recorded);
		}
		HasMetadata reference = reference(recorded);
		Resource<HasMetadata> resource = ServerSideApplier.resource(client, reference);
		try {
			HasMetadata current = resource.get();
			if (current == null) {
				return outcome(recorded, DecommissionReport.Result.ALREADY_GONE, "It no longer exists.");
			}
			Map<String, String> labels = (current.getMetadata().getLabels() != null) ? current.getMetadata().getLabels()
					: Map.of();
			if (!ClusterLabels.PORTAL.equals(labels.get(ClusterLabels.MANAGED_BY)) || !runId.equals(labels.get(ClusterLabels.RUN_ID))) {
				return outcome(recorded, DecommissionReport.Result.LEFT_ALONE,
						"It does not carry this run's labels any more: someone else owns it now.");
			}
			if (recorded.uid() != null && !recorded.uid().equals(current.getMetadata().getUid())) {
				return outcome(recorded, DecommissionReport.Result.LEFT_ALONE,
						"Its uid differs from the one recorded: it was deleted and re-created by someone else.");
			}
			this.audit.intent(connection, runId, null, "delete", reference);
			// Only the version just checked: an object re-created or changed meanwhile is not deleted.
			resource.lockResourceVersion(current.getMetadata().getResourceVersion()).delete();
			this.audit.write(connection, runId, null, "delete", reference, AuditOutcome.SUCCESS, "deleted");
			return outcome(recorded, DecommissionReport.Result.DELETED, "Deleted.");
		}
		catch (KubernetesClientException ex) {
			ClusterOperationException translated = KubernetesErrors.translate(ex, "delete " + recorded, true);
			this.audit.write(connection, runId, null, "delete", reference, AuditOutcome.FAILURE, translated.getMessage());
			throw translated;
		}
	}

	/** The CoreDNS ConfigMap is the cluster's: only the block this run added goes. */
	private DecommissionReport.Outcome removeForwardBlock(KubernetesClient client, String connection, String runId,
			ClusterObject recorded) {
		String corefile = GmsaManifests.currentCorefile(client);
		String without = (corefile != null) ? CorefileMerge.remove(corefile, runId) : null;
		if (without == null || without.equals(corefile)) {
			return outcome(recorded, DecommissionReport.Result.ALREADY_GONE, "The Corefile has no block of this run.");
		}
		HasMetadata patch = GmsaManifests.coreDns(without);
		this.audit.intent(connection, runId, null, "apply", patch);
		ServerSideApplier.resource(client, patch).fieldManager(ClusterLabels.FIELD_MANAGER).forceConflicts().serverSideApply();
		this.audit.write(connection, runId, null, "apply", patch, AuditOutcome.SUCCESS, "forward block removed");
		return outcome(recorded, DecommissionReport.Result.DELETED,
				"Removed this run's forward block from the Corefile; the rest of the Corefile is untouched.");
	}

	private static boolean isCoreDns(ClusterObject recorded) {
		return "ConfigMap".equals(recorded.kind()) && GmsaManifests.COREDNS_NAME.equals(recorded.name())
				&& GmsaManifests.COREDNS_NAMESPACE.equals(recorded.namespace());
	}

	/** A typed stand-in (ClusterRole, Secret, ...) so fabric8 knows the resource path without discovery. */
	private static HasMetadata reference(ClusterObject recorded) {
		Map<String, Object> metadata = (recorded.namespace() != null)
				? Map.of("name", recorded.name(), "namespace", recorded.namespace()) : Map.of("name", recorded.name());
		String json = Serialization.asJson(Map.of("apiVersion", recorded.apiVersion(), "kind", recorded.kind(),
				"metadata", metadata));
		return Serialization.unmarshal(json, HasMetadata.class);
	}

	private static DecommissionReport.Outcome outcome(ClusterObject object, DecommissionReport.Result result,
			String explanation) {
		return new DecommissionReport.Outcome(object, result, explanation);
	}

}
