package org.gmsaportal.cluster;

/**
 * What a preflight checks the cluster for: one workload about to use one credspec.
 *
 * @param namespace the workload's namespace
 * @param serviceAccount the workload's service account
 * @param credSpecName the {@code GMSACredentialSpec} the workload will name
 * @param domain the AD DNS domain the pods must resolve, e.g. {@code contoso.com}
 * @param dnsForwardPlanned whether the plan adds a CoreDNS forward block for the domain
 * @param workloadUsesDnsConfig whether the workload sets {@code dnsConfig} pointing at the domain controllers
 */
public record PreflightRequest(String namespace, String serviceAccount, String credSpecName, String domain,
		boolean dnsForwardPlanned, boolean workloadUsesDnsConfig) {
}
