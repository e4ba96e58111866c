package org.gmsaportal.cluster;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a namespace's workloads, Deployments first, then StatefulSets, DaemonSets and CronJobs.
 *
 * @param items the workloads on this page whose name contains the filter
 * @param continueToken where the next page starts, {@code null} on the last page; opaque to the caller
 */
public record WorkloadPage(List<WorkloadSummary> items, @Nullable String continueToken) {

	public WorkloadPage {
		items = List.copyOf(items);
	}

}
