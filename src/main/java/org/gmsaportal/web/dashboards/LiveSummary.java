package org.gmsaportal.web.dashboards;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.gmsaportal.inventory.Severity;
import org.gmsaportal.inventory.SnapshotHeader;

/**
 * The inventory's newest snapshot in a few counts, for the dashboards: how much drifted from the portal's records
 * and how many risky settings were found, each linking to the inventory page that lists them.
 *
 * @param snapshot the snapshot's number
 * @param takenAt when it was taken
 * @param drift how many drifts it holds
 * @param findings how many findings of each severity, every severity present
 * @param complete whether every connection was read whole
 */
record LiveSummary(long snapshot, Instant takenAt, int drift, Map<Severity, Long> findings, boolean complete) {

	/** From the snapshot's header: its counts, none of its rows. */
	static LiveSummary of(SnapshotHeader snapshot) {
		return new LiveSummary(snapshot.id(), snapshot.takenAt(), snapshot.drift(), new EnumMap<>(snapshot.findings()),
				snapshot.complete());
	}

}
