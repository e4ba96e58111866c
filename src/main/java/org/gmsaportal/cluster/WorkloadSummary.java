package org.gmsaportal.cluster;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One workload as the picker lists it: enough to choose, and to see why one cannot be chosen.
 *
 * @param kind its kind
 * @param name its name
 * @param serviceAccount the pod template's {@code serviceAccountName}, {@code null} for the namespace's default
 * @param credSpecName the pod template's {@code gmsaCredentialSpecName}, if it already has one
 * @param nodeSelector the pod template's node selector, empty when it has none
 */
public record WorkloadSummary(WorkloadKind kind, String name, @Nullable String serviceAccount,
		@Nullable String credSpecName, Map<String, String> nodeSelector) {

	public WorkloadSummary {
		nodeSelector = Map.copyOf(nodeSelector);
	}

	/** Whether its node selector pins it to Linux nodes, where no gMSA can work. */
	public boolean linuxOnly() {
		return WorkloadPatch.linuxOnly(this.nodeSelector);
	}

}
