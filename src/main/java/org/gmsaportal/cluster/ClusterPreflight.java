package org.gmsaportal.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;

import org.springframework.stereotype.Service;

/**
 * Checks a cluster for everything a gMSA workload needs before the portal changes anything. Reads only.
 */
@Service
class ClusterPreflight {

	private final ClusterClients clients;

	ClusterPreflight(ClusterClients clients) {
		this.clients = clients;
	}

	PreflightReport check(String connection, PreflightRequest request) {
		return check(connection, request, Instant.now());
	}

	/**
	 * Only whether the API server answers and which Kubernetes version it runs: the first check of
	 * {@link #check}, cheap enough to show while the admin picks a connection. A connection that cannot even be
	 * built (unknown name, unreadable kubeconfig) fails with the reason.
	 */
	PreflightCheck reachability(String connection) {
		try {
			return api(this.clients.forConnection(connection));
		}
		catch (ClusterOperationException ex) {
			return PreflightCheck.fail("api", ex.getMessage(), "Fix the cluster connection's settings.");
		}
	}

	PreflightReport check(String connection, PreflightRequest request, Instant now) {
		KubernetesClient client = this.clients.forConnection(connection);
		List<PreflightCheck> checks = new ArrayList<>();
		PreflightCheck api = api(client);
		checks.add(api);
		if (api.status() == PreflightCheck.Status.FAIL) {
			return new PreflightReport(checks);
		}
		checks.add(guard("crd", () -> crd(GmsaCrd.read(client))));
		try {
			checks.addAll(WebhookChecks.run(client, request, now));
		}
		catch (KubernetesClientException ex) {
			checks.add(unknown("webhook", ex));
		}
		checks.add(guard("nodes.windows", () -> WorkloadChecks.windowsNodes(client)));
		checks.add(guard("dns", () -> WorkloadChecks.dns(client, request)));
		checks.add(guard("service-account", () -> WorkloadChecks.serviceAccount(client, request)));
		checks.add(guard("service-account.use", () -> WorkloadChecks.mayUse(client, request)));
		return new PreflightReport(checks);
	}

	private static PreflightCheck api(KubernetesClient client) {
		try {
			VersionInfo version = client.getKubernetesVersion();
			return PreflightCheck.pass("api", "The API server answers, Kubernetes " + version.getGitVersion() + ".");
		}
		catch (KubernetesClientException ex) {
			return PreflightCheck.fail("api", KubernetesErrors.translate(ex, "read the cluster version", true).getMessage(),
					"Fix the connection before anything else; no other check was run.");
		}
	}

	static PreflightCheck crd(GmsaCrd crd) {
		String fix = "Install the windows-gmsa CRD and webhook: the portal's plan does so where they are missing"
				+ " (step INSTALL_GMSA_WEBHOOK), or use the Helm chart or deploy script. The portal never replaces or"
				+ " deletes an existing CRD: recreating it deletes every credspec.";
		if (!crd.installed()) {
			return PreflightCheck.fail("crd", "The CRD " + GmsaCrd.NAME + " is not installed.", fix);
		}
		String served = String.join(", ", crd.servedVersions());
		String stored = crd.storedVersion().orElse("none");
		if (crd.preferredVersion().isEmpty()) {
			return PreflightCheck.fail("crd", "The CRD serves no known version (served: " + served + ").", fix);
		}
		if (!"v1".equals(crd.preferredVersion().get())) {
			return PreflightCheck.warn("crd", "The CRD serves only " + served + " (stored: " + stored
					+ "), deprecated; the portal will write v1alpha1 credspecs.",
					"Upgrade the windows-gmsa CRD to serve and store v1 (chart or deploy script v0.4 or later).");
		}
		return PreflightCheck.pass("crd", "The CRD serves " + served + " and stores " + stored + ".");
	}

	private static PreflightCheck guard(String id, Supplier<PreflightCheck> check) {
		try {
			return check.get();
		}
		catch (KubernetesClientException ex) {
			return unknown(id, ex);
		}
	}

	/** A check the portal could not make (usually RBAC) is unknown, not failed: the cluster may be fine. */
	private static PreflightCheck unknown(String id, KubernetesClientException ex) {
		return PreflightCheck.unknown(id, KubernetesErrors.translate(ex, "run the " + id + " check", true).getMessage(),
				"Grant the portal read access for this check, or verify it by hand.");
	}

}
