package org.gmsaportal.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Waits, bounded, until the installed webhook has a ready endpoint, as upstream's deploy script waits for its pod:
 * with failurePolicy Fail, a webhook that never starts blocks every pod creation it covers, so the admin must hear
 * why now (an image the nodes cannot pull, no Linux node, a certificate cert-manager has not issued).
 */
final class WebhookReadiness {

	private static final Duration POLL = Duration.ofSeconds(2);

	private final WebhookSettings settings;

	WebhookReadiness(WebhookSettings settings) {
		this.settings = settings;
	}

	void await(KubernetesClient client) {
		Instant deadline = Instant.now().plus(this.settings.readyTimeout());
		while (true) {
			if (ready(client)) {
				return;
			}
			if (!Instant.now().isBefore(deadline)) {
				throw new ClusterOperationException(notReady(client));
			}
			try {
				Thread.sleep(POLL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new ClusterOperationException("Interrupted while waiting for the gMSA webhook to become ready.");
			}
		}
	}

	private boolean ready(KubernetesClient client) {
		return client.discovery().v1().endpointSlices().inNamespace(this.settings.namespace())
			.withLabel("kubernetes.io/service-name", this.settings.name()).list().getItems().stream()
			.flatMap((slice) -> slice.getEndpoints().stream())
			.anyMatch((e) -> e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady()));
	}

	private String notReady(KubernetesClient client) {
		List<Event> events = client.v1().events().inNamespace(this.settings.namespace()).list().getItems();
		List<String> lines = PodEvents.describe(events.stream().filter((e) -> !"Normal".equals(e.getType())).toList());
		String all = String.join("\n", lines);
		String where = "The gMSA webhook in namespace " + this.settings.namespace() + " has no ready endpoint after "
				+ this.settings.readyTimeout().toSeconds() + "s";
		if (all.contains("ErrImagePull") || all.contains("ImagePullBackOff") || all.contains("Failed to pull image")) {
			return where + ": its image " + this.settings.image() + " cannot be pulled. Set gmsa.cluster.webhook.image"
					+ " to an image the nodes can pull (a mirror in an isolated network), then resume the run. Events: "
					+ String.join("; ", lines);
		}
		if (all.contains("didn't match Pod's node affinity/selector") || all.contains("untolerated taint")) {
			return where + ": no Linux node can run it (the webhook is a Linux binary). Add a schedulable Linux node,"
					+ " then resume the run. Events: " + String.join("; ", lines);
		}
		return where + (lines.isEmpty() ? "." : ". Events: " + String.join("; ", lines)) + " Check kubectl -n "
				+ this.settings.namespace() + " get pods,events, then resume the run: the install is idempotent.";
	}

}
