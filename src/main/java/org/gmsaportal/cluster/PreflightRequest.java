package org.gmsaportal.cluster;

import org.jspecify.annotations.Nullable;

/**
 * What a preflight checks the cluster for: one workload about to use one credspec.
 *
 * @param namespace the workload's namespace
 * @param serviceAccount the workload's service account
 * @param credSpecName the {@code GMSACredentialSpec} the workload will name
 * @param domain the AD DNS domain the pods must resolve, e.g. {@code contoso.com}
 * @param dnsForwardPlanned whether the plan adds a CoreDNS forward block for the domain
 * @param workloadUsesDnsConfig whether the workload sets {@code dnsConfig} pointing at the domain controllers
 * @param webhookInstall what installs the gMSA webhook on this cluster's platform (a command or a chart), for
 * the fix of a missing webhook; {@code null} for the kubernetes-sigs/windows-gmsa chart or deploy script
 */
public record PreflightRequest(String namespace, String serviceAccount, String credSpecName, String domain,
		boolean dnsForwardPlanned, boolean workloadUsesDnsConfig, @Nullable String webhookInstall) {

	/** A preflight on a cluster whose webhook comes from kubernetes-sigs/windows-gmsa. */
	public PreflightRequest(String namespace, String serviceAccount, String credSpecName, String domain,
			boolean dnsForwardPlanned, boolean workloadUsesDnsConfig) {
		this(namespace, serviceAccount, credSpecName, domain, dnsForwardPlanned, workloadUsesDnsConfig, null);
	}

}
