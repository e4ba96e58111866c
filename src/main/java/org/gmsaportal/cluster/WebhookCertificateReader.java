package org.gmsaportal.cluster;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jspecify.annotations.Nullable;

/**
 * The gMSA webhook's certificates for the inventory, read the way the preflight reads them ({@link WebhookChecks}):
 * the CA in each webhook configuration's {@code caBundle}, and the serving certificate in the TLS Secret next to
 * the webhook's Service that names {@code <service>.<namespace>.svc}. A certificate that cannot be read is listed as
 * such and named in the listing's incomplete part, so an expiry nobody could see never looks fine.
 */
final class WebhookCertificateReader {

	private WebhookCertificateReader() {
	}

	static List<WebhookCertificate> read(KubernetesClient client, PartialReads reads) {
		List<WebhookChecks.Webhook> webhooks;
		try {
			webhooks = WebhookChecks.find(client);
		}
		catch (KubernetesClientException ex) {
			reads.refused(ClusterListing.WEBHOOK_CERTIFICATES, KubernetesErrors.translate(ex,
					"list the admission webhook configurations", false).getMessage());
			return List.of();
		}
		// One CA per configuration: the chart and the deploy script give every webhook of one configuration the same.
		Map<String, List<WebhookChecks.Webhook>> byConfiguration = new LinkedHashMap<>();
		webhooks.forEach((w) -> byConfiguration.computeIfAbsent(kind(w) + " " + w.configuration(),
				(k) -> new ArrayList<>()).add(w));
		List<WebhookCertificate> certificates = new ArrayList<>();
		byConfiguration.forEach((configuration, ofIt) -> certificates.add(caBundle(configuration, ofIt)));
		webhooks.stream().map(WebhookChecks.Webhook::service).filter((s) -> s != null)
			.map((s) -> s.getNamespace() + "/" + s.getName()).distinct()
			.forEach((service) -> certificates.add(serving(client, service)));
		for (WebhookCertificate certificate : certificates) {
			if (!certificate.readable()) {
				reads.refused(ClusterListing.WEBHOOK_CERTIFICATES, certificate.source() + ": "
						+ certificate.problem());
			}
		}
		return certificates;
	}

	private static WebhookCertificate caBundle(String configuration, List<WebhookChecks.Webhook> webhooks) {
		String source = "caBundle of " + configuration;
		List<X509Certificate> all = new ArrayList<>();
		for (WebhookChecks.Webhook webhook : webhooks) {
			List<X509Certificate> parsed = parse(webhook.caBundle());
			if (parsed.isEmpty()) {
				return WebhookCertificate.unreadable(source, "webhook " + webhook.name()
						+ " has no caBundle holding a PEM certificate");
			}
			all.addAll(parsed);
		}
		return earliest(source, all);
	}

	/** Only {@code tls.crt} of each Secret is parsed; the key beside it is never looked at. */
	private static WebhookCertificate serving(KubernetesClient client, String service) {
		String namespace = service.substring(0, service.indexOf('/'));
		String dnsName = service.substring(service.indexOf('/') + 1) + "." + namespace + ".svc";
		String source = "serving certificate of Service " + service;
		List<Secret> secrets;
		try {
			secrets = client.secrets().inNamespace(namespace).list().getItems();
		}
		catch (KubernetesClientException ex) {
			// Never quote the server here: a refused list of Secrets could echo data back.
			return WebhookCertificate.unreadable(source, KubernetesErrors.translate(ex,
					"list the Secrets in " + namespace, false).getMessage());
		}
		for (Secret secret : secrets) {
			Map<String, String> data = (secret.getData() != null) ? secret.getData() : Map.of();
			String pem = data.getOrDefault("tls.crt", data.get("tls_certificate"));
			List<X509Certificate> chain = parse(pem);
			if (!chain.isEmpty() && WebhookChecks.names(chain.get(0)).contains(dnsName)) {
				return earliest("Secret " + namespace + "/" + secret.getMetadata().getName() + " (tls.crt)",
						chain.subList(0, 1));
			}
		}
		return WebhookCertificate.unreadable(source, "no TLS Secret in " + namespace + " holds a certificate for "
				+ dnsName);
	}

	private static List<X509Certificate> parse(@Nullable String base64) {
		if (base64 == null || base64.isBlank()) {
			return List.of();
		}
		try {
			return Certificates.parse(Base64.getMimeDecoder().decode(base64.strip()));
		}
		catch (IllegalArgumentException ex) {
			return List.of();
		}
	}

	private static WebhookCertificate earliest(String source, List<X509Certificate> certificates) {
		X509Certificate first = certificates.stream().min(Comparator.comparing(X509Certificate::getNotAfter))
			.orElseThrow();
		return WebhookCertificate.read(source, first.getSubjectX500Principal().getName(),
				first.getNotAfter().toInstant());
	}

	private static String kind(WebhookChecks.Webhook webhook) {
		return "mutating".equals(webhook.type()) ? "MutatingWebhookConfiguration" : "ValidatingWebhookConfiguration";
	}

}
