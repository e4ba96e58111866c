package org.gmsaportal.cluster;

import java.util.List;

/**
 * The outcome of a dry run or an apply of one gMSA deployment.
 *
 * @param changes one entry per object, in apply order
 * @param warnings things the admin should know, e.g. the cluster only serves {@code v1alpha1}
 * @param dryRun true when nothing was written
 */
public record ApplyResult(List<ObjectChange> changes, List<String> warnings, boolean dryRun) {

	public ApplyResult {
		changes = List.copyOf(changes);
		warnings = List.copyOf(warnings);
	}

	/** Whether applying changed (or would change) nothing: the idempotence the admin is told about. */
	public boolean unchanged() {
		return this.changes.stream().allMatch((c) -> c.change() == ObjectChange.Change.UNCHANGED);
	}

}
