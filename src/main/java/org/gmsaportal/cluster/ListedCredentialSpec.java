package org.gmsaportal.cluster;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One {@code GMSACredentialSpec} as a cluster holds it now, whoever made it.
 *
 * @param name the resource name (cluster-scoped)
 * @param gmsaName the gMSA it names ({@code ActiveDirectoryConfig.GroupManagedServiceAccounts[0].Name}), or
 * {@code null} when the spec does not name one
 * @param domain the domain's DNS name it names, or {@code null}
 * @param portalRun the {@code gmsa-portal/run} label when the portal applied it, else {@code null}
 * @param usableBy the service accounts ({@code namespace/name}) that may {@code use} it
 * @param everyServiceAccountIn namespaces where every service account may use it (a binding to the group
 * {@code system:serviceaccounts:<ns>} or to all service accounts); {@code *} when every namespace
 * @param workloads the workloads that reference it ({@code Kind/namespace/name})
 */
public record ListedCredentialSpec(String name, @Nullable String gmsaName, @Nullable String domain,
		@Nullable String portalRun, List<String> usableBy, List<String> everyServiceAccountIn, List<String> workloads) {

	public ListedCredentialSpec {
		usableBy = List.copyOf(usableBy);
		everyServiceAccountIn = List.copyOf(everyServiceAccountIn);
		workloads = List.copyOf(workloads);
	}

}
