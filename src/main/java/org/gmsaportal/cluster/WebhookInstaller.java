package org.gmsaportal.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.gmsaportal.audit.AuditOutcome;
import org.jspecify.annotations.Nullable;

/**
 * Installs the gMSA CRD and the windows-gmsa admission webhook where they are missing, as one reviewed step:
 * server-side apply under the portal's field manager, so a second install changes nothing. A CRD that exists is
 * never touched; a webhook someone else installed is left alone.
 */
class WebhookInstaller {

	private final ClusterAudit audit;

	private final ServerSideApplier applier;

	private final WebhookSettings settings;

	private final Clock clock;

	private final WebhookReadiness readiness;

	WebhookInstaller(ClusterAudit audit, WebhookSettings settings, Clock clock) {
		this.audit = audit;
		// The webhook configurations are this step's to write; the CRD is only ever created, below.
		this.applier = new ServerSideApplier(audit, java.util.Set.of());
		this.settings = settings;
		this.clock = clock;
		this.readiness = new WebhookReadiness(settings);
	}

	WebhookPlan inspect(KubernetesClient client, Platform platform) {
		try {
			return inspect(client, platform, GmsaCrd.read(client).installed(), WebhookChecks.find(client));
		}
		catch (KubernetesClientException ex) {
			throw KubernetesErrors.translate(ex, "read the gMSA CRD, webhooks and cert-manager", true);
		}
	}

	private WebhookPlan inspect(KubernetesClient client, Platform platform, boolean crd,
			List<WebhookChecks.Webhook> webhooks) {
		boolean mutating = webhooks.stream().anyMatch((w) -> w.type().equals("mutating"));
		boolean validating = webhooks.stream().anyMatch((w) -> w.type().equals("validating"));
		if (crd && mutating && validating) {
			return new WebhookPlan(WebhookPlan.Need.NONE, List.of(), "The CRD " + GmsaCrd.NAME
					+ " and both gMSA webhooks are installed: nothing to install.");
		}
		if (platform == Platform.AKS) {
			return new WebhookPlan(WebhookPlan.Need.BLOCKED, List.of(), "On AKS the gMSA webhook and CRD are an add-on"
					+ " the portal does not install: run az aks update --resource-group <resource group> --name <cluster>"
					+ " --enable-windows-gmsa (with --gmsa-dns-server and --gmsa-root-domain-name when the VNet's DNS does"
					+ " not resolve the domain), then plan again.");
		}
		if ((mutating || validating) && !portals(client)) {
			return new WebhookPlan(WebhookPlan.Need.BLOCKED, List.of(), "Only the " + (mutating ? "mutating" : "validating")
					+ " half of a gMSA webhook is installed (" + webhooks.get(0).configuration() + "), and not by the"
					+ " portal: the portal does not install a second webhook beside it. Repair that install (Helm chart"
					+ " or deploy script) or remove it, then plan again.");
		}
		List<ClusterObject> objects = new ArrayList<>();
		if (!crd) {
			objects.add(ClusterObject.of(WebhookCrd.build()));
		}
		if (mutating && validating) {
			return new WebhookPlan(WebhookPlan.Need.INSTALL, objects, "Create the CRD " + GmsaCrd.NAME
					+ " (v1, as kubernetes-sigs/windows-gmsa v0.13.0 ships it); the installed webhook is left as it is.");
		}
		CertManager.State certManager = CertManager.inspect(client);
		if (certManager.problem() != null) {
			return new WebhookPlan(WebhookPlan.Need.BLOCKED, List.of(), certManager.problem());
		}
		WebhookManifests.Tls preview = new WebhookManifests.Tls(
				certManager.installed() ? null : new WebhookCertificates.Issued("", "", ""));
		WebhookManifests.build(this.settings, preview).forEach((o) -> objects.add(ClusterObject.of(o)));
		String tls = certManager.installed()
				? "serving certificate from cert-manager (self-signed Issuer and Certificate), CA injected into both"
						+ " webhook configurations (cert-manager.io/inject-ca-from)"
				: "a CA and serving certificate the portal generates (valid " + this.settings.certificateValidity().toDays()
						+ " days), kept only in Secret " + this.settings.namespace() + "/" + this.settings.secretName()
						+ ", the CA in both webhook configurations' caBundle";
		return new WebhookPlan(WebhookPlan.Need.INSTALL, objects, "Install " + (crd ? "" : "the CRD " + GmsaCrd.NAME
				+ " and ") + "the windows-gmsa webhook " + this.settings.image() + " in namespace "
				+ this.settings.namespace() + " (" + this.settings.replicas() + " replicas, failurePolicy Fail), with "
				+ tls + ".");
	}

	/**
	 * Creates what is missing and re-applies the portal's own webhook, then waits (bounded) for a ready endpoint.
	 * @throws ClusterOperationException when the admin must act first, or the webhook does not become ready
	 */
	ApplyResult install(KubernetesClient client, String connection, Platform platform, String runId,
			@Nullable String ticket) {
		WebhookPlan plan = inspect(client, platform);
		if (plan.need() == WebhookPlan.Need.BLOCKED) {
			throw new ClusterOperationException(plan.explanation());
		}
		try {
			List<ObjectChange> changes = new ArrayList<>();
			changes.add(ensureCrd(client, connection, runId, ticket));
			List<WebhookChecks.Webhook> webhooks = WebhookChecks.find(client);
			if (!webhooks.isEmpty() && !portals(client)) {
				return new ApplyResult(changes, List.of("A gMSA webhook is installed (" + webhooks.get(0).configuration()
						+ ") and not by the portal: left as it is."), false);
			}
			CertManager.State certManager = CertManager.inspect(client);
			List<HasMetadata> objects = WebhookManifests.build(this.settings,
					new WebhookManifests.Tls(certManager.installed() ? null : certificate(client)));
			List<ObjectChange> planned = objects.stream().map((o) -> this.applier.dryRun(client, o)).toList();
			for (int i = 0; i < objects.size(); i++) {
				changes.add(this.applier.apply(client, connection, runId, ticket, objects.get(i), planned.get(i)));
			}
			this.readiness.await(client);
			return new ApplyResult(changes, List.of(), false);
		}
		catch (KubernetesClientException ex) {
			throw KubernetesErrors.translate(ex, "install the gMSA webhook", false);
		}
	}

	/** Created when missing, under the portal's field manager; an existing CRD is never replaced. */
	private ObjectChange ensureCrd(KubernetesClient client, String connection, String runId, @Nullable String ticket) {
		var crds = client.apiextensions().v1().customResourceDefinitions();
		var current = crds.withName(GmsaCrd.NAME).get();
		if (current != null) {
			return new ObjectChange(ClusterObject.of(current), ObjectChange.Change.UNCHANGED,
					List.of("exists: never replaced or deleted by the portal"));
		}
		HasMetadata crd = WebhookCrd.build();
		this.audit.intent(connection, runId, ticket, "create", crd);
		// create, not apply: if someone made it a moment ago, this fails with 409 instead of taking it over.
		HasMetadata created = crds.resource(WebhookCrd.build()).create();
		this.audit.write(connection, runId, ticket, "create", crd, AuditOutcome.SUCCESS, "created");
		return new ObjectChange(ClusterObject.of(created), ObjectChange.Change.CREATE, List.of("+ " + GmsaCrd.NAME));
	}

	/** The Secret's certificate while it is still good (so a second install changes nothing), else a new one. */
	private WebhookCertificates.Issued certificate(KubernetesClient client) {
		Secret secret = client.secrets().inNamespace(this.settings.namespace()).withName(this.settings.secretName()).get();
		Map<String, String> data = (secret != null && secret.getData() != null) ? secret.getData() : Map.of();
		if (data.containsKey("tls.crt") && data.containsKey("tls.key") && data.containsKey("ca.crt")) {
			byte[] certificate = Base64.getDecoder().decode(data.get("tls.crt"));
			byte[] ca = Base64.getDecoder().decode(data.get("ca.crt"));
			if (WebhookCertificates.stillGood(certificate, ca, this.settings.serviceDnsName(), this.clock.instant())) {
				return new WebhookCertificates.Issued(text(ca), text(certificate),
						text(Base64.getDecoder().decode(data.get("tls.key"))));
			}
		}
		return WebhookCertificates.issue(this.settings.name(), this.settings.namespace(), this.clock.instant(),
				this.settings.certificateValidity());
	}

	private boolean portals(KubernetesClient client) {
		return portals(client, this.settings);
	}

	/** Whether the webhook configurations named like the portal's carry the portal's labels. */
	static boolean portals(KubernetesClient client, WebhookSettings settings) {
		var admission = client.admissionRegistration().v1();
		return ours(admission.mutatingWebhookConfigurations().withName(settings.name()).get())
				|| ours(admission.validatingWebhookConfigurations().withName(settings.name()).get());
	}

	static boolean ours(@Nullable HasMetadata object) {
		Map<String, String> labels = (object != null && object.getMetadata().getLabels() != null)
				? object.getMetadata().getLabels() : Map.of();
		return ClusterLabels.PORTAL.equals(labels.get(ClusterLabels.MANAGED_BY))
				&& WebhookManifests.COMPONENT_VALUE.equals(labels.get(WebhookManifests.COMPONENT));
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
