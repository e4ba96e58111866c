package org.gmsaportal.web.dashboards;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.gmsaportal.inventory.InventorySnapshot;
import org.gmsaportal.inventory.Severity;

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

	static LiveSummary of(InventorySnapshot snapshot) {
		Map<Severity, Long> findings = new EnumMap<>(Severity.class);
		for (Severity severity : Severity.values()) {
			findings.put(severity, snapshot.findings().stream().filter(f -> f.severity() == severity).count());
		}
		return new LiveSummary(snapshot.id(), snapshot.takenAt(), snapshot.drift().size(), findings,
				snapshot.complete());
	}

}
