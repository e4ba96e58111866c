package org.gmsaportal.cluster;

import java.io.IOException;
import java.io.InterruptedIOException;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Turns fabric8 failures into messages that tell the admin what to do.
 */
final class KubernetesErrors {

	private KubernetesErrors() {
	}

	/**
	 * @param ex the client failure
	 * @param action what the portal was doing, e.g. {@code "apply Secret app-ns/webapp01-identity"}
	 * @param mayQuoteServer false when the server's message could echo secret content back
	 */
	static ClusterOperationException translate(KubernetesClientException ex, String action, boolean mayQuoteServer) {
		if (isUnreachable(ex)) {
			return new ClusterOperationException("Cannot reach the Kubernetes API server to " + action
					+ ": check the server address in the kubeconfig, the network path and that the API server is up.",
					true);
		}
		String server = (mayQuoteServer && ex.getStatus() != null && ex.getStatus().getMessage() != null)
				? " The API server said: " + ex.getStatus().getMessage() : "";
		String advice = switch (ex.getCode()) {
			case 401 -> "The cluster rejected the portal's credentials: renew the token or client certificate in the kubeconfig.";
			case 403 -> "The portal's identity is not allowed to " + action
					+ ": grant it that permission (see the RBAC the portal needs) or ask a cluster admin.";
			case 404 -> "The API server does not know this resource: check that the CRD or API group is installed.";
			case 409 -> "Another field manager owns the fields the portal wants to set: resolve the conflict"
					+ " (kubectl get -o yaml --show-managed-fields) before applying again.";
			case 422 -> "The API server rejected the object as invalid: correct the input and plan again.";
			default -> "The API server answered " + ex.getCode() + ".";
		};
		return new ClusterOperationException("Could not " + action + ". " + advice + server);
	}

	static boolean isUnreachable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException || cause instanceof InterruptedIOException
					|| cause instanceof java.util.concurrent.TimeoutException) {
				return true;
			}
		}
		return false;
	}

}
