package org.gmsaportal.cluster;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;

import org.springframework.stereotype.Service;

/**
 * Proves a deployment works: waits (bounded, with progress) for the sample pod, then runs nltest and klist in it.
 */
@Service
class ClusterVerification {

	private final ClusterClients clients;

	ClusterVerification(ClusterClients clients) {
		this.clients = clients;
	}

	/**
	 * @param progress receives one line per poll, for the wizard's progress display
	 */
	VerifyResult verify(String connection, VerifyRequest request, Consumer<String> progress) {
		KubernetesClient client = this.clients.forConnection(connection);
		Instant deadline = Instant.now().plus(request.timeout());
		// Poll at most every 2 s, and at least five times within short timeouts.
		Duration poll = request.timeout().dividedBy(5).compareTo(Duration.ofSeconds(2)) < 0
				? request.timeout().dividedBy(5) : Duration.ofSeconds(2);
		try {
			Optional<Pod> ready = waitForReadyPod(client, request, deadline, poll, progress);
			if (ready.isEmpty()) {
				List<String> events = PodEvents.describe(events(client, request));
				return new VerifyResult(VerifyResult.Outcome.POD_NOT_READY, "The sample pod was not ready within "
						+ request.timeout().toSeconds() + " s. " + PodEvents.advice(events), events, null, null);
			}
			String pod = ready.get().getMetadata().getName();
			progress.accept("Pod " + pod + " is ready; running nltest and klist");
			CommandCheck nltest = CommandCheck.nltest(request.domain(),
					exec(client, request.namespace(), pod, deadline, "nltest", "/sc_verify:" + request.domain()));
			CommandCheck klist = CommandCheck.klist(exec(client, request.namespace(), pod, deadline, "klist", "get", "krbtgt"));
			boolean verified = nltest.success() && klist.success();
			return new VerifyResult(verified ? VerifyResult.Outcome.VERIFIED : VerifyResult.Outcome.KERBEROS_FAILED,
					verified ? "The pod runs as the gMSA: secure channel and Kerberos TGT verified."
							: (nltest.success() ? klist.summary() : nltest.summary()), List.of(), nltest, klist);
		}
		catch (KubernetesClientException ex) {
			throw KubernetesErrors.translate(ex, "verify the sample pod in " + request.namespace(), true);
		}
	}

	private static Optional<Pod> waitForReadyPod(KubernetesClient client, VerifyRequest request, Instant deadline,
			Duration poll, Consumer<String> progress) {
		while (true) {
			List<Pod> pods = client.pods().inNamespace(request.namespace())
				.withLabel(ClusterLabels.RUN_ID, request.runId()).list().getItems();
			Optional<Pod> ready = pods.stream().filter(ClusterVerification::isReady).findFirst();
			if (ready.isPresent()) {
				return ready;
			}
			progress.accept(pods.isEmpty() ? "Waiting for the sample pod to be created"
					: "Waiting for pod " + pods.get(0).getMetadata().getName() + " (" + pods.get(0).getStatus().getPhase() + ")");
			if (!Instant.now().plus(poll).isBefore(deadline)) {
				return Optional.empty();
			}
			sleep(poll);
		}
	}

	static boolean isReady(Pod pod) {
		return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
			.stream().anyMatch((c) -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
	}

	/** Events of the workload's pods and ReplicaSets: the webhook's 403/404 shows up on the ReplicaSet. */
	private static List<Event> events(KubernetesClient client, VerifyRequest request) {
		return client.v1().events().inNamespace(request.namespace()).list().getItems().stream()
			.filter((e) -> e.getInvolvedObject() != null && e.getInvolvedObject().getName() != null
					&& e.getInvolvedObject().getName().startsWith(request.workloadName()))
			.sorted(Comparator.comparing((Event e) -> String.valueOf(e.getLastTimestamp())))
			.toList();
	}

	private static String exec(KubernetesClient client, String namespace, String pod, Instant deadline,
			String... command) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ExecWatch watch = client.pods().inNamespace(namespace).withName(pod).writingOutput(out).writingError(out)
			.exec(command)) {
			long millis = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
			watch.exitCode().get(millis, TimeUnit.MILLISECONDS);
		}
		catch (java.util.concurrent.TimeoutException ex) {
			return out.toString(StandardCharsets.UTF_8) + "\n(timed out)";
		}
		catch (java.util.concurrent.ExecutionException ex) {
			return out.toString(StandardCharsets.UTF_8);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ClusterOperationException("Verification was interrupted.");
		}
	}

}
