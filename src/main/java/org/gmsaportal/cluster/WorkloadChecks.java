package org.gmsaportal.cluster;

import java.util.List;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Preflight of what the workload itself needs: Windows nodes, DNS for the domain, and its service account.
 */
final class WorkloadChecks {

	private WorkloadChecks() {
	}

	static PreflightCheck windowsNodes(KubernetesClient client) {
		List<Node> nodes = client.nodes().withLabel("kubernetes.io/os", "windows").list().getItems();
		if (nodes.isEmpty()) {
			return PreflightCheck.fail("nodes.windows", "No node is labelled kubernetes.io/os=windows: gMSA pods stay Pending.",
					"Add a Windows Server 2019 or later node pool (containerd on 2019 needs build 17763.1817 or later).");
		}
		String described = nodes.stream().map((n) -> n.getMetadata().getName() + " (" + n.getStatus().getNodeInfo().getOsImage()
				+ ", " + n.getStatus().getNodeInfo().getContainerRuntimeVersion() + ")").collect(Collectors.joining(", "));
		return PreflightCheck.pass("nodes.windows", nodes.size() + " Windows node(s): " + described + ".");
	}

	static PreflightCheck dns(KubernetesClient client, PreflightRequest request) {
		String corefile = GmsaManifests.currentCorefile(client);
		if (corefile != null && CorefileMerge.hasServerBlockFor(corefile, request.domain())) {
			return PreflightCheck.pass("dns", "CoreDNS forwards " + request.domain() + " (a server block exists).");
		}
		if (request.dnsForwardPlanned()) {
			return PreflightCheck.pass("dns", "CoreDNS has no block for " + request.domain() + "; the plan adds one.");
		}
		if (request.workloadUsesDnsConfig()) {
			return PreflightCheck.pass("dns", "The workload sets dnsConfig for " + request.domain() + ".");
		}
		return PreflightCheck.warn("dns", (corefile == null) ? "No kube-system/coredns Corefile to inspect."
				: "CoreDNS has no server block for " + request.domain() + ", so pods may not find the domain controllers.",
				"Let the portal add a CoreDNS forward block, or set dnsConfig (nameservers = DC addresses, searches = domain)"
						+ " on the workload.");
	}

	static PreflightCheck serviceAccount(KubernetesClient client, PreflightRequest request) {
		boolean exists = client.serviceAccounts().inNamespace(request.namespace()).withName(request.serviceAccount()).get() != null;
		return exists ? PreflightCheck.pass("service-account", "Service account " + request.namespace() + "/"
				+ request.serviceAccount() + " exists.")
				: PreflightCheck.fail("service-account", "Service account " + request.namespace() + "/" + request.serviceAccount()
						+ " does not exist.", "kubectl -n " + request.namespace() + " create serviceaccount " + request.serviceAccount());
	}

	/** Asks exactly what the validating webhook asks before admitting the pod. */
	static PreflightCheck mayUse(KubernetesClient client, PreflightRequest request) {
		String user = "system:serviceaccount:" + request.namespace() + ":" + request.serviceAccount();
		SubjectAccessReview review = new SubjectAccessReviewBuilder().withNewSpec()
			.withUser(user)
			.withGroups("system:serviceaccounts", "system:serviceaccounts:" + request.namespace(), "system:authenticated")
			.withNewResourceAttributes()
			.withNamespace(request.namespace())
			.withVerb("use")
			.withGroup(GmsaCrd.GROUP)
			.withVersion("v1")
			.withResource(GmsaCrd.PLURAL)
			.withName(request.credSpecName())
			.endResourceAttributes()
			.endSpec()
			.build();
		SubjectAccessReview answer = client.authorization().v1().subjectAccessReview().create(review);
		if (answer.getStatus() == null) {
			return PreflightCheck.unknown("service-account.use", "The API server gave no SubjectAccessReview decision.",
					"Check with: kubectl auth can-i use gmsacredentialspecs.windows.k8s.io/" + request.credSpecName()
							+ " --as=" + user);
		}
		if (Boolean.TRUE.equals(answer.getStatus().getAllowed())) {
			return PreflightCheck.pass("service-account.use", user + " may use credspec " + request.credSpecName() + ".");
		}
		return PreflightCheck.warn("service-account.use", user + " may not use credspec " + request.credSpecName()
				+ " yet: the webhook would reject its pods with 403.",
				"Apply the plan: it creates the ClusterRole with verb use on this credspec and the RoleBinding for "
						+ request.serviceAccount() + ".");
	}

}
