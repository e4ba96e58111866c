package org.gmsaportal.provisioning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gmsaportal.cluster.GmsaDeployment;
import org.gmsaportal.credspec.AdditionalAccount;
import org.gmsaportal.credspec.AksHciSecretPlugin;
import org.gmsaportal.cluster.Platform;
import org.gmsaportal.cluster.WorkloadPatches;
import org.gmsaportal.cluster.WorkloadRef;
import org.gmsaportal.credspec.CredentialSpec;
import org.gmsaportal.credspec.CredentialSpecGenerator;
import org.gmsaportal.credspec.DomainIdentity;
import org.gmsaportal.credspec.HostAccountPreset;
import org.gmsaportal.credspec.InvalidCredentialSpecInputException;
import org.gmsaportal.credspec.KubernetesSecretPlugin;
import org.gmsaportal.credspec.PortableIdentity;
import org.gmsaportal.credspec.PortableIdentitySecret;
import org.gmsaportal.credspec.SecretValue;
import org.gmsaportal.directory.Directory;
import org.gmsaportal.secretstores.SecretDestination;
import org.jspecify.annotations.Nullable;

/**
 * Translates a request into what the credspec and cluster modules take: the credential spec and the deployment.
 */
final class RequestTranslation {

	private static final CredentialSpecGenerator GENERATOR = new CredentialSpecGenerator();

	// The bundle exporter replaces Secret values with its own placeholder; this one never leaves the engine.
	private static final SecretValue NOT_EXPORTED = SecretValue.of("not-exported");

	private RequestTranslation() {
	}

	static Directory.GmsaSpec gmsaSpec(ProvisioningRequest request) {
		return new Directory.GmsaSpec(request.gmsaName(), request.dnsHostName(), request.spns(),
				request.encryptionTypes(), request.groupName(), request.where().gmsaOu());
	}

	static List<String> members(ProvisioningRequest request) {
		if (request.hosts() instanceof Hosts.Portable portable) {
			return List.of(portable.userName());
		}
		return ((Hosts.DomainJoined) request.hosts()).computerAccounts();
	}

	static @Nullable HostAccountPreset preset(ProvisioningRequest request) {
		return (request.hosts() instanceof Hosts.Portable portable) ? portable.preset() : null;
	}

	/** The credential spec; input the credspec module refuses is reported as a request error. */
	static CredentialSpec credentialSpec(ProvisioningRequest request, DomainIdentity facts) {
		try {
			return GENERATOR.generate(facts, request.gmsaName(), request.additionalAccounts().stream()
				.map(AdditionalAccount::inSameDomain).toList(), preset(request));
		}
		catch (InvalidCredentialSpecInputException ex) {
			throw new InvalidRequestException(ex.field(), ex.rule());
		}
	}

	static GmsaDeployment deployment(String runId, ProvisioningRequest request, String domain,
			Map<String, Object> credSpec, @Nullable SecretValue password) {
		GmsaDeployment.IdentitySecret secret = null;
		// A Secret the run writes through its store step is that step's, not part of the deployment.
		if (request.hosts() instanceof Hosts.Portable portable && preset(request) instanceof KubernetesSecretPlugin k8s
				&& !PortableUserSteps.storeDelivered(request)) {
			PortableIdentity identity = new PortableIdentity(domain, portable.userName(),
					(password != null) ? password : NOT_EXPORTED);
			Map<String, String> data = new LinkedHashMap<>();
			k8s.secretFor(identity).ifPresent((s) -> ((PortableIdentitySecret.KeyValues) s).entries()
				.forEach((key, value) -> data.put(key, value.reveal())));
			secret = new GmsaDeployment.IdentitySecret(k8s.secretName(), data);
		}
		if (request.target() instanceof Target.Cluster cluster) {
			// On AKS the platform writes the forward block itself (az aks update --gmsa-dns-server): no merge.
			GmsaDeployment.DnsForward dns = (cluster.dnsForwardServers().isEmpty() || !cluster.profile().mergesCoreDns())
					? null : new GmsaDeployment.DnsForward(domain, cluster.dnsForwardServers());
			GmsaDeployment.SampleWorkload sample = (cluster.sampleImage() != null)
					? new GmsaDeployment.SampleWorkload(sampleName(request), cluster.sampleImage()) : null;
			return new GmsaDeployment(runId, cluster.credSpecName(), credSpec, cluster.namespace(),
					cluster.serviceAccount(), secret, dns, sample);
		}
		Target export = request.target();
		// A bundle carries the forward block as a note: the Corefile is the cluster's (CoreDnsNote).
		List<String> servers = dnsServers(export);
		GmsaDeployment.DnsForward dns = (servers.isEmpty() || !export.profile().mergesCoreDns()) ? null
				: new GmsaDeployment.DnsForward(domain, servers);
		return new GmsaDeployment(runId, export.credSpecName(), credSpec, export.namespace(), export.serviceAccount(),
				secret, dns, null);
	}

	/** The domain's DNS servers the target forwards to: a cluster's or a bundle's; none for Docker hosts. */
	static List<String> dnsServers(Target target) {
		return (target instanceof Target.Cluster cluster) ? cluster.dnsForwardServers()
				: (target instanceof Target.ExportOnly export) ? export.dnsForwardServers() : List.of();
	}

	/** The admin's own workloads the target points at the credential spec: picked live, or typed for a bundle. */
	static List<WorkloadRef> workloads(Target target) {
		return (target instanceof Target.Cluster cluster) ? cluster.workloads()
				: (target instanceof Target.ExportOnly export) ? export.workloads() : List.of();
	}

	/**
	 * The cluster's platform (the request's, which the plan filled in from the connection), which decides whether
	 * workloads need {@code dnsConfig} and the Secret volume.
	 */
	static Platform platform(ProvisioningRequest request) {
		return request.target().profile().platform();
	}

	/** What the run sets on the request's picked workloads, or a bundle carries for its typed ones. */
	static WorkloadPatches workloadPatches(ProvisioningRequest request, String domain) {
		Target target = request.target();
		List<String> servers = dnsServers(target);
		GmsaDeployment.DnsForward dns = servers.isEmpty() ? null
				: new GmsaDeployment.DnsForward(domain.toLowerCase(Locale.ROOT), servers);
		String secret = !(request.hosts() instanceof Hosts.Portable) ? null
				: (preset(request) instanceof KubernetesSecretPlugin k8s) ? k8s.secretName()
				: (preset(request) instanceof AksHciSecretPlugin hci) ? hci.secretName() : null;
		return new WorkloadPatches(target.namespace(), target.credSpecName(), target.serviceAccount(),
				platform(request), dns, secret, workloads(target));
	}

	/** The objects an apply or export produces, named for the plan. */
	static String clusterObjects(ProvisioningRequest request) {
		String ns = request.target().namespace();
		String sa = request.target().serviceAccount();
		String name = request.target().credSpecName();
		List<String> objects = new ArrayList<>(List.of("GMSACredentialSpec " + name, "ClusterRole " + name + "-gmsa-use",
				"RoleBinding " + ns + "/allow-" + sa + "-use-" + name));
		if (request.hosts() instanceof Hosts.Portable && preset(request) instanceof KubernetesSecretPlugin k8s
				&& !PortableUserSteps.storeDelivered(request)) {
			objects.add("Secret " + ns + "/" + k8s.secretName());
		}
		if (request.target() instanceof Target.Cluster cluster) {
			if (!cluster.dnsForwardServers().isEmpty() && cluster.profile().mergesCoreDns()) {
				objects.add("CoreDNS forward block for the domain to " + String.join(", ", cluster.dnsForwardServers()));
			}
			else if (!cluster.dnsForwardServers().isEmpty()) {
				objects.add("no CoreDNS merge: AKS forwards the domain to " + cluster.dnsForwardServers().get(0)
						+ " once az aks update --gmsa-dns-server --gmsa-root-domain-name has run");
			}
			if (cluster.sampleImage() != null) {
				objects.add("Deployment " + ns + "/" + sampleName(request) + " (" + cluster.sampleImage() + ")");
			}
		}
		else if (request.target() instanceof Target.ExportOnly export && !export.dnsForwardServers().isEmpty()) {
			objects.add(export.profile().mergesCoreDns()
					? "the CoreDNS forward block for the domain to " + String.join(", ", export.dnsForwardServers())
							+ " as a note with the commands that append it"
					: "no CoreDNS block: AKS forwards the domain to " + export.dnsForwardServers().get(0)
							+ " once az aks update --gmsa-dns-server --gmsa-root-domain-name has run");
		}
		return String.join(", ", objects);
	}

	/**
	 * Where the run's store step writes the portable identity.
	 * @param runId the run that writes it (for a decommission: the provisioning run that wrote it)
	 */
	static SecretDestination destination(ProvisioningRequest request, String runId) {
		HostAccountPreset preset = java.util.Objects.requireNonNull(preset(request), "a portable request");
		String connection = (request.target() instanceof Target.Cluster cluster) ? cluster.connection() : null;
		return new SecretDestination(preset, connection, runId, request.ticketRef());
	}

	static String sampleName(ProvisioningRequest request) {
		String name = request.gmsaName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
		return "gmsa-verify-" + name.replaceAll("^-+|-+$", "");
	}

}
