package org.gmsaportal.cluster;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One {@code GMSACredentialSpec} in a cluster and who may use it, for the auditor dashboards.
 *
 * @param name the credspec's name
 * @param managedByPortal whether the portal created it
 * @param runId the run that created it, if the portal did
 * @param users service accounts ({@code namespace/name}, {@code namespace/*} for a whole namespace's group)
 * with the binding that grants it, e.g. {@code app-ns/webapp-sa via RoleBinding app-ns/allow-... -> ClusterRole x}
 */
public record CredSpecUsage(String name, boolean managedByPortal, @Nullable String runId, List<String> users) {

	public CredSpecUsage {
		users = List.copyOf(users);
	}

}
