package org.gmsaportal.inventory;

import java.time.Instant;
import java.util.List;

/**
 * What one snapshot says about one run or one gMSA: its drift and its findings, for the run page, the gMSA page and
 * the API.
 *
 * @param snapshotId the snapshot it comes from
 * @param takenAt when that snapshot was taken
 * @param drift the drift, each with its first-seen time
 * @param findings the findings, each with its first-seen time
 */
public record Assessment(long snapshotId, Instant takenAt, List<Drift> drift, List<Finding> findings) {

	public Assessment {
		drift = List.copyOf(drift);
		findings = List.copyOf(findings);
	}

}
