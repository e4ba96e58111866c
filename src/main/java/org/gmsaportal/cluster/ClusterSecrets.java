package org.gmsaportal.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The portable identity Secret a node's plug-in reads, written, read back and removed on its own (outside a
 * deployment's apply) for the secret-store adapter. Writes are server-side applies under the portal's field
 * manager with the portal's labels, audited with the Secret's coordinates only; logs name the Secret and its
 * resourceVersion, never a value, and errors never quote the API server (it could echo the data back).
 */
@Component
class ClusterSecrets {

	private static final Logger logger = LoggerFactory.getLogger(ClusterSecrets.class);

	private final ClusterClients clients;

	private final ClusterAudit audit;

	ClusterSecrets(ClusterClients clients, AuditTrail trail) {
		this.clients = clients;
		this.audit = new ClusterAudit(trail);
	}

	SecretState inspect(String connection, String namespace, String name) {
		Secret current = get(connection, namespace, name, "read");
		return state(current);
	}

	SecretState apply(String connection, String namespace, GmsaDeployment.IdentitySecret secret, String runId,
			@Nullable String ticket) {
		Map<String, String> data = new LinkedHashMap<>();
		// data, not stringData: the API server stores data, so the applied object is the stored one.
		secret.data().forEach((key, value) -> data.put(key,
				Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
		Secret desired = new SecretBuilder().withNewMetadata()
			.withName(secret.name())
			.withNamespace(namespace)
			.addToLabels(ClusterLabels.MANAGED_BY, ClusterLabels.PORTAL)
			.addToLabels(ClusterLabels.RUN_ID, runId)
			.endMetadata()
			.withType("Opaque")
			.withData(data)
			.build();
		KubernetesClient client = this.clients.forConnection(connection);
		this.audit.intent(connection, runId, ticket, "apply", desired);
		try {
			HasMetadata applied = resource(client, desired).fieldManager(ClusterLabels.FIELD_MANAGER).serverSideApply();
			SecretState after = state((Secret) applied);
			this.audit.write(connection, runId, ticket, "apply", desired, AuditOutcome.SUCCESS,
					"written, resourceVersion " + after.resourceVersion());
			logger.info("Wrote Secret {}/{} on cluster {} (resourceVersion {})", namespace, secret.name(), connection,
					after.resourceVersion());
			return after;
		}
		catch (KubernetesClientException ex) {
			ClusterOperationException translated = KubernetesErrors.translate(ex,
					"write Secret " + namespace + "/" + secret.name(), false);
			this.audit.write(connection, runId, ticket, "apply", desired, AuditOutcome.FAILURE, translated.getMessage());
			throw translated;
		}
	}

	Optional<GmsaDeployment.IdentitySecret> read(String connection, String namespace, String name) {
		Secret current = get(connection, namespace, name, "read");
		if (current == null) {
			return Optional.empty();
		}
		Map<String, String> values = new LinkedHashMap<>();
		if (current.getData() != null) {
			current.getData().forEach((key, value) -> values.put(key,
					new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
		}
		// A server that kept stringData as written (not what API servers do) still reads back.
		if (current.getStringData() != null) {
			values.putAll(current.getStringData());
		}
		return Optional.of(new GmsaDeployment.IdentitySecret(name, values));
	}

	/** Deletes the Secret only while it carries this run's labels, at the resourceVersion just checked. */
	SecretState delete(String connection, String namespace, String name, String runId, @Nullable String ticket) {
		KubernetesClient client = this.clients.forConnection(connection);
		Secret reference = new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
			.build();
		Secret current = get(connection, namespace, name, "read");
		SecretState state = state(current);
		if (current == null || !state.managedByPortal() || !runId.equals(state.runId())) {
			return state;
		}
		this.audit.intent(connection, runId, ticket, "delete", reference);
		try {
			resource(client, reference).lockResourceVersion(state.resourceVersion()).delete();
			this.audit.write(connection, runId, ticket, "delete", reference, AuditOutcome.SUCCESS, "deleted");
			logger.info("Deleted Secret {}/{} on cluster {} (resourceVersion {})", namespace, name, connection,
					state.resourceVersion());
			return SecretState.absent();
		}
		catch (KubernetesClientException ex) {
			ClusterOperationException translated = KubernetesErrors.translate(ex,
					"delete Secret " + namespace + "/" + name, false);
			this.audit.write(connection, runId, ticket, "delete", reference, AuditOutcome.FAILURE,
					translated.getMessage());
			throw translated;
		}
	}

	private @Nullable Secret get(String connection, String namespace, String name, String verb) {
		try {
			return this.clients.forConnection(connection).secrets().inNamespace(namespace).withName(name).get();
		}
		catch (KubernetesClientException ex) {
			throw KubernetesErrors.translate(ex, verb + " Secret " + namespace + "/" + name, false);
		}
	}

	@SuppressWarnings("unchecked")
	private static Resource<HasMetadata> resource(KubernetesClient client, Secret secret) {
		return (Resource<HasMetadata>) (Resource<?>) client.secrets().resource(secret);
	}

	private static SecretState state(@Nullable Secret secret) {
		if (secret == null) {
			return SecretState.absent();
		}
		Map<String, String> labels = (secret.getMetadata().getLabels() != null) ? secret.getMetadata().getLabels()
				: Map.of();
		return new SecretState(true, ClusterLabels.PORTAL.equals(labels.get(ClusterLabels.MANAGED_BY)),
				labels.get(ClusterLabels.RUN_ID), secret.getMetadata().getResourceVersion());
	}

}
