package org.gmsaportal.cluster;

import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What the portal sets on the admin's own workloads, and on which: only fields of the pod template, each owned by
 * the portal's workload field manager so that decommission can give exactly them back.
 *
 * @param namespace the workloads' namespace (the request's)
 * @param credSpecName the {@code GMSACredentialSpec} for {@code gmsaCredentialSpecName}
 * @param serviceAccount the service account for workloads picked with {@link WorkloadRef#serviceAccount()}
 * @param platform the cluster's platform; {@link Platform#AKS_HCI} needs {@code dnsConfig} and the Secret volume
 * @param dns the domain and its DC addresses for {@code dnsConfig}, where the platform needs it
 * @param identitySecret the portable identity Secret to mount, where the platform needs it
 * @param workloads the picked workloads, in the order the admin picked them
 */
public record WorkloadPatches(String namespace, String credSpecName, String serviceAccount, Platform platform,
		GmsaDeployment.@Nullable DnsForward dns, @Nullable String identitySecret, List<WorkloadRef> workloads) {

	private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

	private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

	public WorkloadPatches {
		GmsaDeployment.require("namespace", namespace, DNS_LABEL,
				"a DNS label: 1-63 lower case letters, digits or '-'");
		GmsaDeployment.require("credSpecName", credSpecName, DNS_SUBDOMAIN, "a DNS subdomain");
		GmsaDeployment.require("serviceAccount", serviceAccount, DNS_SUBDOMAIN, "a DNS subdomain");
		workloads = List.copyOf(workloads);
	}

	/** Whether the platform's seed document adds {@code dnsConfig} and the Secret volume to each workload. */
	boolean podDnsAndSecretVolume() {
		return this.platform == Platform.AKS_HCI;
	}

}
