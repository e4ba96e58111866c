package org.gmsaportal.cluster;

import java.util.List;
import java.util.Set;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import org.gmsaportal.audit.AuditOutcome;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-side dry run and server-side apply of single objects under the portal's own field manager.
 */
class ServerSideApplier {

	/** Kinds the portal must never write: recreating the CRD deletes every credspec in the cluster. */
	static final Set<String> FORBIDDEN_KINDS = Set.of("CustomResourceDefinition", "MutatingWebhookConfiguration",
			"ValidatingWebhookConfiguration");

	private static final Logger logger = LoggerFactory.getLogger(ServerSideApplier.class);

	private final ClusterAudit audit;

	private final Set<String> forbiddenKinds;

	ServerSideApplier(ClusterAudit audit) {
		this(audit, FORBIDDEN_KINDS);
	}

	/**
	 * @param forbiddenKinds kinds this applier refuses; the webhook install may write the webhook configurations,
	 * but no applier ever writes a CRD (the install creates a missing one, see {@link WebhookInstaller})
	 */
	ServerSideApplier(ClusterAudit audit, Set<String> forbiddenKinds) {
		this.audit = audit;
		this.forbiddenKinds = forbiddenKinds;
	}

	/** Asks the API server what applying would produce ({@code dryRun=All}); writes nothing. */
	ObjectChange dryRun(KubernetesClient client, HasMetadata desired) {
		guard(desired, this.forbiddenKinds);
		Resource<HasMetadata> resource = resource(client, desired);
		try {
			HasMetadata current = resource.get();
			HasMetadata proposed = force(desired, resource.dryRun()).serverSideApply();
			List<String> diff = ObjectDiff.between(current, proposed);
			ObjectChange.Change change = (current == null) ? ObjectChange.Change.CREATE
					: diff.isEmpty() ? ObjectChange.Change.UNCHANGED : ObjectChange.Change.UPDATE;
			ClusterObject object = ClusterObject.of((current != null) ? current : desired);
			return new ObjectChange(object, change, diff);
		}
		catch (KubernetesClientException ex) {
			throw KubernetesErrors.translate(ex, "dry-run " + ClusterObject.of(desired), !isSecret(desired));
		}
	}

	/** Applies for real and audits the write; unchanged objects are not sent again. */
	ObjectChange apply(KubernetesClient client, String connection, String runId, @Nullable String ticket,
			HasMetadata desired, ObjectChange planned) {
		if (planned.change() == ObjectChange.Change.UNCHANGED) {
			return planned;
		}
		guard(desired, this.forbiddenKinds);
		String result = (planned.change() == ObjectChange.Change.CREATE) ? "created" : "updated";
		this.audit.intent(connection, runId, ticket, "apply", desired);
		try {
			HasMetadata applied = force(desired, resource(client, desired)).serverSideApply();
			this.audit.write(connection, runId, ticket, "apply", desired, AuditOutcome.SUCCESS, result);
			logger.info("Applied {} on cluster {} ({})", ClusterObject.of(desired), connection, result);
			return new ObjectChange(ClusterObject.of(applied), planned.change(), planned.diff());
		}
		catch (KubernetesClientException ex) {
			ClusterOperationException translated = KubernetesErrors.translate(ex, "apply " + ClusterObject.of(desired),
					!isSecret(desired));
			this.audit.write(connection, runId, ticket, "apply", desired, AuditOutcome.FAILURE, translated.getMessage());
			throw translated;
		}
	}

	@SuppressWarnings("unchecked")
	static Resource<HasMetadata> resource(KubernetesClient client, HasMetadata object) {
		if (object instanceof GenericKubernetesResource generic && GmsaCrd.KIND.equals(generic.getKind())) {
			String version = generic.getApiVersion().substring(generic.getApiVersion().indexOf('/') + 1);
			return (Resource<HasMetadata>) (Resource<?>) client.genericKubernetesResources(GmsaCrd.context(version))
				.resource(generic);
		}
		// cert-manager's kinds by their known coordinates: fabric8 would otherwise need API discovery.
		if (object instanceof GenericKubernetesResource generic && CertManager.API.equals(generic.getApiVersion())) {
			return (Resource<HasMetadata>) (Resource<?>) client.genericKubernetesResources(
					CertManager.context(generic.getKind())).resource(generic);
		}
		return (Resource<HasMetadata>) (Resource<?>) client.resource(object);
	}

	/**
	 * CoreDNS's Corefile is owned by whoever installed CoreDNS; taking over that one field is the point, so
	 * only there conflicts are forced. Everywhere else a conflict goes back to the admin.
	 */
	private static io.fabric8.kubernetes.client.dsl.ServerSideApplicable<HasMetadata> force(HasMetadata desired,
			io.fabric8.kubernetes.client.dsl.WritableOperation<HasMetadata> operation) {
		var applicable = operation.fieldManager(ClusterLabels.FIELD_MANAGER);
		boolean coreDns = "ConfigMap".equals(desired.getKind())
				&& GmsaManifests.COREDNS_NAME.equals(desired.getMetadata().getName());
		return coreDns ? applicable.forceConflicts() : applicable;
	}

	static void guard(HasMetadata object, Set<String> forbiddenKinds) {
		if (forbiddenKinds.contains(object.getKind()) || "CustomResourceDefinition".equals(object.getKind())) {
			throw new IllegalStateException("The portal never writes " + object.getKind() + " objects");
		}
	}

	static boolean isSecret(HasMetadata object) {
		return "Secret".equals(object.getKind());
	}

}
