package org.gmsaportal.cluster;

import java.util.List;

import io.fabric8.kubernetes.api.model.Event;

/**
 * Turns the events of a pod that did not start into lines and into advice for the known gMSA failures.
 */
final class PodEvents {

	private PodEvents() {
	}

	static List<String> describe(List<Event> events) {
		return events.stream().map((e) -> e.getType() + " " + e.getReason() + " " + e.getInvolvedObject().getKind() + "/"
				+ e.getInvolvedObject().getName() + ": " + e.getMessage()).toList();
	}

	static String advice(List<String> events) {
		String all = String.join("\n", events);
		if (all.contains("is not authorized to `use`")) {
			return "The gMSA webhook refused the pod (403): bind the ClusterRole with verb use on the credspec to the"
					+ " pod's service account (apply the plan's RoleBinding).";
		}
		if (all.contains("does not exist") && all.toLowerCase(java.util.Locale.ROOT).contains("cred spec")) {
			return "The gMSA webhook did not find the credspec (404): apply the GMSACredentialSpec resource first.";
		}
		if (all.contains("didn't match Pod's node affinity/selector") || all.contains("untolerated taint")) {
			return "No Windows node can take the pod: add a Windows node pool or check taints and tolerations.";
		}
		if (all.contains("ErrImagePull") || all.contains("ImagePullBackOff") || all.contains("Failed to pull image")) {
			return "The image cannot be pulled: check its name and that its Windows build matches the nodes' OS.";
		}
		return events.isEmpty() ? "There are no events: check that the sample Deployment exists and the webhook is up."
				: "See the pod events below.";
	}

}
