package org.gmsaportal.provisioning;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.gmsaportal.cluster.WorkloadRef;
import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;

/**
 * Valid requests for tests, each with a fresh gMSA name unless one is given.
 */
final class Requests {

	private Requests() {
	}

	static String freshName() {
		return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

	/** Non-domain-joined hosts with the Kubernetes secret plug-in, applied to a cluster with a sample workload. */
	static ProvisioningRequest portable(String name) {
		return new ProvisioningRequest("lab", name, name + ".contoso.com", List.of("HTTP/" + name + ".contoso.com"),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, name + "-hosts",
				new Hosts.Portable(name + "-ccg", KnownPlugin.KUBERNETES_SECRET.clsid(), "apps:" + name + "-ccg"),
				new Target.Cluster("lab", "apps", "webapp", name.toLowerCase() + "-spec", List.of(),
						"mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022"),
				"CHG0012345");
	}

	/** The same request with the admin's own workloads picked on its cluster target. */
	static ProvisioningRequest withWorkloads(ProvisioningRequest request, WorkloadRef... picked) {
		Target.Cluster cluster = ((Target.Cluster) request.target()).withWorkloads(List.of(picked));
		return new ProvisioningRequest(request.directoryConnection(), request.gmsaName(), request.dnsHostName(),
				request.spns(), request.encryptionTypes(), request.kdsRootKey(), request.groupName(), request.hosts(),
				cluster, request.ticketRef(), request.groupScope(), request.placement());
	}

	/** Domain-joined hosts, export only. */
	static ProvisioningRequest domainJoined(String name) {
		return new ProvisioningRequest("lab", name, name + ".contoso.com", List.of(),
				Set.of(EncryptionType.AES128_CTS_HMAC_SHA1_96, EncryptionType.AES256_CTS_HMAC_SHA1_96),
				KdsRootKeyChoice.USE_EXISTING, name + "-hosts", new Hosts.DomainJoined(List.of("NODE1$", "NODE2$")),
				new Target.ExportOnly("apps", "webapp", name.toLowerCase() + "-spec"), null);
	}

}
