package org.gmsaportal.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.jspecify.annotations.Nullable;

/**
 * Whether cert-manager can issue the webhook's certificate: its CRDs tell that it is installed, its controller,
 * CA injector and webhook Deployments that it can work. Without the injector the caBundle is never filled in,
 * and with failurePolicy Fail an untrusted webhook blocks every pod creation it covers.
 */
final class CertManager {

	static final String API = WebhookManifests.CERT_MANAGER_API;

	static final String CERTIFICATES_CRD = "certificates.cert-manager.io";

	/** The components the Helm chart and the static manifests label {@code app.kubernetes.io/component}. */
	private static final List<String> COMPONENTS = List.of("controller", "cainjector", "webhook");

	private CertManager() {
	}

	/**
	 * @param installed whether cert-manager's CRDs exist
	 * @param problem why it cannot issue now, or {@code null} when it can (or is not installed)
	 */
	record State(boolean installed, @Nullable String problem) {
	}

	static State inspect(KubernetesClient client) {
		if (client.apiextensions().v1().customResourceDefinitions().withName(CERTIFICATES_CRD).get() == null) {
			return new State(false, null);
		}
		List<Deployment> deployments = client.apps().deployments().inAnyNamespace()
			.withLabel("app.kubernetes.io/instance", "cert-manager").list().getItems();
		List<String> notReady = new ArrayList<>();
		for (String component : COMPONENTS) {
			boolean ready = deployments.stream()
				.filter((d) -> component.equals(d.getMetadata().getLabels().get("app.kubernetes.io/component")))
				.anyMatch((d) -> d.getStatus() != null && d.getStatus().getReadyReplicas() != null
						&& d.getStatus().getReadyReplicas() > 0);
			if (!ready) {
				notReady.add(component);
			}
		}
		if (notReady.isEmpty()) {
			return new State(true, null);
		}
		return new State(true, "cert-manager's CRDs are installed, but its " + String.join(", ", notReady)
				+ " Deployment(s) (label app.kubernetes.io/instance=cert-manager) have no ready replica, so it cannot"
				+ " issue the webhook's certificate or inject its CA. Fix cert-manager first (kubectl get pods -A -l"
				+ " app.kubernetes.io/instance=cert-manager), then plan again.");
	}

	static ResourceDefinitionContext context(String kind) {
		return new ResourceDefinitionContext.Builder().withGroup("cert-manager.io")
			.withVersion("v1")
			.withKind(kind)
			.withPlural(kind.toLowerCase(Locale.ROOT) + "s")
			.withNamespaced(true)
			.build();
	}

}
