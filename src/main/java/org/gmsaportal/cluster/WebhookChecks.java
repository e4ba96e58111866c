package org.gmsaportal.cluster;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.jspecify.annotations.Nullable;

/**
 * Preflight of the windows-gmsa admission webhooks: present, reachable, trusted, and applying to the namespace.
 */
final class WebhookChecks {

	private static final String INSTALL = "Install the windows-gmsa admission webhook (kubernetes-sigs/windows-gmsa"
			+ " Helm chart or deploy script), or let the portal's plan install it (step INSTALL_GMSA_WEBHOOK);"
			+ " on AKS run az aks update --enable-windows-gmsa.";

	private WebhookChecks() {
	}

	/** One gMSA webhook, from either a mutating or a validating configuration. */
	record Webhook(String type, String configuration, String name, @Nullable String failurePolicy,
			@Nullable ServiceReference service, @Nullable String caBundle, @Nullable LabelSelector namespaceSelector) {
	}

	static List<PreflightCheck> run(KubernetesClient client, PreflightRequest request, Instant now) {
		List<Webhook> webhooks = find(client);
		List<PreflightCheck> checks = new ArrayList<>();
		for (String type : List.of("mutating", "validating")) {
			List<Webhook> ofType = webhooks.stream().filter((w) -> w.type().equals(type)).toList();
			checks.add(ofType.isEmpty()
					? PreflightCheck.fail("webhook." + type, "No " + type + " webhook configuration for gMSA found:"
							+ (type.equals("mutating") ? " pods naming a credspec will not get its contents."
									: " nobody checks that the service account may use the credspec."),
							(request.webhookInstall() != null) ? request.webhookInstall() : INSTALL)
					: PreflightCheck.pass("webhook." + type, type + " webhook " + ofType.get(0).name() + " in "
							+ ofType.get(0).configuration() + "."));
		}
		if (webhooks.isEmpty()) {
			return checks;
		}
		Webhook first = webhooks.get(0);
		checks.add(endpoints(client, first));
		checks.add(failurePolicy(webhooks));
		checks.add(caBundle(webhooks, now));
		checks.add(servingCertificate(client, first, now));
		checks.add(namespace(client, webhooks, request.namespace()));
		return checks;
	}

	static List<Webhook> find(KubernetesClient client) {
		List<Webhook> found = new ArrayList<>();
		var admission = client.admissionRegistration().v1();
		admission.mutatingWebhookConfigurations().list().getItems().forEach((c) -> c.getWebhooks().stream()
			.filter((w) -> isGmsa(w.getName()))
			.forEach((w) -> found.add(new Webhook("mutating", c.getMetadata().getName(), w.getName(), w.getFailurePolicy(),
					w.getClientConfig().getService(), w.getClientConfig().getCaBundle(), w.getNamespaceSelector()))));
		admission.validatingWebhookConfigurations().list().getItems().forEach((c) -> c.getWebhooks().stream()
			.filter((w) -> isGmsa(w.getName()))
			.forEach((w) -> found.add(new Webhook("validating", c.getMetadata().getName(), w.getName(), w.getFailurePolicy(),
					w.getClientConfig().getService(), w.getClientConfig().getCaBundle(), w.getNamespaceSelector()))));
		return found;
	}

	private static boolean isGmsa(String webhookName) {
		return webhookName.toLowerCase(Locale.ROOT).contains("gmsa");
	}

	private static PreflightCheck endpoints(KubernetesClient client, Webhook webhook) {
		ServiceReference service = webhook.service();
		if (service == null) {
			return PreflightCheck.pass("webhook.endpoints", "The webhook is called by URL, not through a Service.");
		}
		List<EndpointSlice> slices = client.discovery().v1().endpointSlices().inNamespace(service.getNamespace())
			.withLabel("kubernetes.io/service-name", service.getName()).list().getItems();
		long ready = slices.stream().flatMap((s) -> s.getEndpoints().stream())
			.filter((e) -> e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady()))
			.count();
		String where = "Service " + service.getNamespace() + "/" + service.getName();
		return (ready > 0) ? PreflightCheck.pass("webhook.endpoints", where + " has " + ready + " ready endpoint(s).")
				: PreflightCheck.fail("webhook.endpoints", where + " has no ready endpoints: the API server cannot call"
						+ " the webhook" + ("Fail".equals(webhook.failurePolicy()) ? ", and with failurePolicy Fail every"
								+ " pod creation in the selected namespaces is rejected." : "."),
						"Check the webhook pods: kubectl -n " + service.getNamespace() + " get pods,events. The webhook"
								+ " runs on Linux nodes; without a ready Linux node it never starts.");
	}

	private static PreflightCheck failurePolicy(List<Webhook> webhooks) {
		boolean ignore = webhooks.stream().anyMatch((w) -> "Ignore".equals(w.failurePolicy()));
		return ignore ? PreflightCheck.warn("webhook.failure-policy", "A gMSA webhook has failurePolicy Ignore: while it"
				+ " is down, pods start without their credspec and without the use-permission check.",
				"Set failurePolicy: Fail, and keep the webhook highly available (2 replicas, PodDisruptionBudget).")
				: PreflightCheck.pass("webhook.failure-policy", "failurePolicy Fail: pods never start without the"
						+ " webhook's checks, so an unhealthy webhook blocks pod creation in its namespaces.");
	}

	private static PreflightCheck caBundle(List<Webhook> webhooks, Instant now) {
		String fix = "Renew the webhook certificates (cert-manager, or the deploy script with --overwrite) and update caBundle.";
		List<X509Certificate> certificates = new ArrayList<>();
		for (Webhook webhook : webhooks) {
			List<X509Certificate> parsed = (webhook.caBundle() != null && !webhook.caBundle().isBlank())
					? Certificates.parse(Base64.getDecoder().decode(webhook.caBundle().strip())) : List.of();
			if (parsed.isEmpty()) {
				return PreflightCheck.fail("webhook.ca-bundle", "Webhook " + webhook.name() + " in " + webhook.configuration()
						+ " has no usable caBundle: the API server cannot trust the webhook's certificate.", fix);
			}
			certificates.addAll(parsed);
		}
		return Certificates.expiry("webhook.ca-bundle", "The webhook CA", certificates, now, fix);
	}

	/** The serving certificate is in a TLS Secret next to the webhook; only its public part is read. */
	private static PreflightCheck servingCertificate(KubernetesClient client, Webhook webhook, Instant now) {
		ServiceReference service = webhook.service();
		if (service == null) {
			return PreflightCheck.unknown("webhook.serving-certificate", "The webhook is called by URL.",
					"Check the serving certificate's expiry where the webhook runs.");
		}
		String dnsName = service.getName() + "." + service.getNamespace() + ".svc";
		for (Secret secret : client.secrets().inNamespace(service.getNamespace()).list().getItems()) {
			Map<String, String> data = (secret.getData() != null) ? secret.getData() : Map.of();
			String pem = data.getOrDefault("tls.crt", data.get("tls_certificate"));
			List<X509Certificate> chain = (pem != null) ? Certificates.parse(Base64.getDecoder().decode(pem)) : List.of();
			if (!chain.isEmpty() && names(chain.get(0)).contains(dnsName)) {
				return Certificates.expiry("webhook.serving-certificate", "The webhook's serving certificate", chain.subList(0, 1),
						now, "Renew it (cert-manager renews automatically; the deploy script needs --overwrite) and"
								+ " restart the webhook unless it runs with --cert-reload.");
			}
		}
		return PreflightCheck.unknown("webhook.serving-certificate", "No TLS Secret for " + dnsName + " found in "
				+ service.getNamespace() + ".", "Check the certificate's expiry where the webhook's TLS Secret is kept.");
	}

	static List<String> names(X509Certificate certificate) {
		try {
			var sans = certificate.getSubjectAlternativeNames();
			return (sans != null) ? sans.stream().map((san) -> String.valueOf(san.get(1))).toList() : List.of();
		}
		catch (java.security.cert.CertificateParsingException ex) {
			return List.of();
		}
	}

	private static PreflightCheck namespace(KubernetesClient client, List<Webhook> webhooks, String namespace) {
		Namespace ns = client.namespaces().withName(namespace).get();
		if (ns == null) {
			return PreflightCheck.fail("webhook.namespace", "Namespace " + namespace + " does not exist.",
					"Create it (kubectl create namespace " + namespace + ") or pick another namespace.");
		}
		Map<String, String> labels = new java.util.HashMap<>((ns.getMetadata().getLabels() != null)
				? ns.getMetadata().getLabels() : Map.of());
		// The API server sets this label on every namespace; selectors rely on it (the Helm chart does).
		labels.putIfAbsent("kubernetes.io/metadata.name", namespace);
		for (Webhook webhook : webhooks) {
			if (!LabelSelectors.matches(webhook.namespaceSelector(), labels)) {
				return PreflightCheck.fail("webhook.namespace", "The " + webhook.type() + " webhook's namespaceSelector"
						+ " excludes namespace " + namespace + " (labels " + labels + "): its pods would run without gMSA.",
						"Remove the excluding label (gmsa-webhook=disabled or windows.k8s.io/disabled=true) from the"
								+ " namespace, or use another namespace.");
			}
		}
		return PreflightCheck.pass("webhook.namespace", "The gMSA webhooks apply to namespace " + namespace + ".");
	}

}
