package org.gmsaportal.cluster;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import org.gmsaportal.audit.AuditOutcome;
import org.jspecify.annotations.Nullable;

/**
 * Takes the portal's webhook off a cluster once nothing needs it: only objects that carry the portal's webhook
 * labels, and only when no credential spec is left (pods naming one would start without their identity, or not at
 * all). The CRD and the namespace always stay; the report says why for each object.
 */
class WebhookRemoval {

	private final ClusterAudit audit;

	private final WebhookSettings settings;

	WebhookRemoval(ClusterAudit audit, WebhookSettings settings) {
		this.audit = audit;
		this.settings = settings;
	}

	DecommissionReport remove(KubernetesClient client, String connection, String runId) {
		try {
			return removeOrKeep(client, connection, runId);
		}
		catch (KubernetesClientException ex) {
			throw KubernetesErrors.translate(ex, "remove the gMSA webhook", false);
		}
	}

	private DecommissionReport removeOrKeep(KubernetesClient client, String connection, String runId) {
		// The webhooks first, so the API server stops calling pods that are about to go.
		List<HasMetadata> objects = new ArrayList<>(WebhookManifests.build(this.settings,
				new WebhookManifests.Tls(new WebhookCertificates.Issued("", "", ""))));
		objects.add(objects.size() - 4, certManagerStandIn("Certificate"));
		objects.add(objects.size() - 4, certManagerStandIn("Issuer"));
		List<HasMetadata> newestFirst = new ArrayList<>(objects);
		java.util.Collections.reverse(newestFirst);
		ClusterObject crd = ClusterObject.of(WebhookCrd.build());
		List<DecommissionReport.Outcome> outcomes = new ArrayList<>();
		boolean installed = WebhookInstaller.portals(client, this.settings);
		List<String> credSpecs = credSpecs(client);
		if (!installed || !credSpecs.isEmpty()) {
			String why = !installed ? "The gMSA webhook was not installed by the portal (its configurations carry no"
					+ " gmsa-portal labels): left alone."
					: "Credential specs remain (" + String.join(", ", credSpecs) + "): the webhook stays while pods may"
							+ " name them; it is removed with the last one.";
			outcomes.add(new DecommissionReport.Outcome(ClusterObject.of(newestFirst.get(0)),
					DecommissionReport.Result.LEFT_ALONE, why));
			return new DecommissionReport(outcomes);
		}
		for (HasMetadata object : newestFirst) {
			if ("Namespace".equals(object.getKind())) {
				outcomes.add(new DecommissionReport.Outcome(ClusterObject.of(object), DecommissionReport.Result.LEFT_ALONE,
						"Namespaces are never deleted by the portal: it may hold more than the webhook."));
				continue;
			}
			DecommissionReport.Outcome outcome = delete(client, connection, runId, object);
			if (outcome != null) {
				outcomes.add(outcome);
			}
		}
		outcomes.add(new DecommissionReport.Outcome(crd, DecommissionReport.Result.LEFT_ALONE,
				"The portal never deletes the CRD: deleting it deletes every credential spec in the cluster."));
		return new DecommissionReport(outcomes);
	}

	private DecommissionReport.@Nullable Outcome delete(KubernetesClient client, String connection, String runId,
			HasMetadata object) {
		Resource<HasMetadata> resource = ServerSideApplier.resource(client, object);
		HasMetadata current = resource.get();
		if (current == null) {
			// Issuer and Certificate exist only on the cert-manager path: not being there is not news then.
			return CertManager.API.equals(object.getApiVersion()) ? null
					: new DecommissionReport.Outcome(ClusterObject.of(object), DecommissionReport.Result.ALREADY_GONE,
							"It no longer exists.");
		}
		if (!WebhookInstaller.ours(current) && !issuedForTheWebhook(current)) {
			return new DecommissionReport.Outcome(ClusterObject.of(current), DecommissionReport.Result.LEFT_ALONE,
					"It does not carry the portal's webhook labels: someone else owns it.");
		}
		this.audit.intent(connection, runId, null, "delete", object);
		resource.lockResourceVersion(current.getMetadata().getResourceVersion()).delete();
		this.audit.write(connection, runId, null, "delete", object, AuditOutcome.SUCCESS, "deleted");
		return new DecommissionReport.Outcome(ClusterObject.of(current), DecommissionReport.Result.DELETED,
				"Deleted: the portal installed it and no credential spec is left.");
	}

	/** cert-manager writes the Secret of the portal's Certificate without the portal's labels, but names it. */
	private boolean issuedForTheWebhook(HasMetadata object) {
		var annotations = object.getMetadata().getAnnotations();
		return "Secret".equals(object.getKind()) && annotations != null
				&& this.settings.name().equals(annotations.get("cert-manager.io/certificate-name"));
	}

	private HasMetadata certManagerStandIn(String kind) {
		GenericKubernetesResource resource = new GenericKubernetesResource();
		resource.setApiVersion(CertManager.API);
		resource.setKind(kind);
		resource.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(this.settings.name())
			.withNamespace(this.settings.namespace()).build());
		return resource;
	}

	private static List<String> credSpecs(KubernetesClient client) {
		GmsaCrd crd = GmsaCrd.read(client);
		if (crd.preferredVersion().isEmpty()) {
			return List.of();
		}
		return client.genericKubernetesResources(GmsaCrd.context(crd.preferredVersion().get())).list().getItems()
			.stream().map((c) -> c.getMetadata().getName()).toList();
	}

}
