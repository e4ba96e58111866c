package org.gmsaportal.cluster;

import org.jspecify.annotations.Nullable;

/**
 * What a Secret in a cluster is, never what it holds.
 *
 * @param exists whether a Secret of that name exists
 * @param managedByPortal whether it carries {@link ClusterLabels#MANAGED_BY} {@code = gmsa-portal}
 * @param runId the {@link ClusterLabels#RUN_ID} label on it, {@code null} when none
 * @param resourceVersion its resourceVersion, the Secret's version; {@code null} when it does not exist
 */
public record SecretState(boolean exists, boolean managedByPortal, @Nullable String runId,
		@Nullable String resourceVersion) {

	static SecretState absent() {
		return new SecretState(false, false, null, null);
	}

}
