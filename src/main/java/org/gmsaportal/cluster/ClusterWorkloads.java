package org.gmsaportal.cluster;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.gmsaportal.audit.AuditTrail;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * The admin's own workloads on a connection: listed for the picker, reviewed by dry run, pointed at the credential
 * spec, given back, exported.
 */
@Service
class ClusterWorkloads {

	private final ClusterClients clients;

	private final WorkloadPatcher patcher;

	ClusterWorkloads(ClusterClients clients, AuditTrail auditTrail) {
		this.clients = clients;
		this.patcher = new WorkloadPatcher(new ClusterAudit(auditTrail));
	}

	WorkloadPage list(String connection, String namespace, String filter, int limit, @Nullable String token) {
		if (limit < 1 || limit > 500) {
			throw new IllegalArgumentException("limit must be between 1 and 500");
		}
		return this.patcher.list(this.clients.forConnection(connection), namespace, filter, limit, token);
	}

	List<WorkloadChange> review(String connection, WorkloadPatches patches) {
		KubernetesClient client = this.clients.forConnection(connection);
		return patches.workloads().stream().map((w) -> this.patcher.review(client, patches, w)).toList();
	}

	WorkloadChange apply(String connection, WorkloadPatches patches, WorkloadRef workload, String runId,
			@Nullable String ticket) {
		return this.patcher.apply(this.clients.forConnection(connection), connection, runId, ticket, patches, workload);
	}

	WorkloadChange release(String connection, String namespace, WorkloadRef workload, @Nullable String uid,
			String runId) {
		return this.patcher.release(this.clients.forConnection(connection), connection, runId, namespace, workload,
				uid);
	}

	WorkloadBundle export(@Nullable String connection, WorkloadPatches patches) {
		if (connection == null) {
			return WorkloadBundle.of(patches, null);
		}
		KubernetesClient client = this.clients.forConnection(connection);
		List<@Nullable GenericKubernetesResource> live = new ArrayList<>();
		try {
			for (WorkloadRef workload : patches.workloads()) {
				live.add(client.genericKubernetesResources(workload.kind().context()).inNamespace(patches.namespace())
					.withName(workload.name()).get());
			}
		}
		catch (KubernetesClientException ex) {
			throw KubernetesErrors.translate(ex, "read the workloads of namespace " + patches.namespace(), true);
		}
		return WorkloadBundle.of(patches, live);
	}

}
