package org.gmsaportal.inventory;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The inventory's snapshots.
 *
 * @param snapshotInterval how often a snapshot is taken by schedule, as {@code system}, first one interval after
 * start; {@code 0} turns the schedule off (refreshes then come only from the pages and the API)
 * @param keep how many snapshots are kept, newest first; older ones are deleted when a new one is taken
 * @param webhookCertificateWarning how long before a gMSA webhook certificate expires the overview lists it: the
 * webhook fails closed, so an expired certificate stops every pod in its namespaces (windows-gmsa #50, #100)
 */
@ConfigurationProperties("gmsa.inventory")
record InventorySettings(@DefaultValue("6h") Duration snapshotInterval, @DefaultValue("120") int keep,
		@DefaultValue("30d") Duration webhookCertificateWarning) {

	InventorySettings {
		if (snapshotInterval.isNegative()) {
			throw new IllegalArgumentException("gmsa.inventory.snapshot-interval must not be negative: e.g. PT6H, or 0 "
					+ "for no scheduled snapshot");
		}
		if (keep < 1) {
			throw new IllegalArgumentException("gmsa.inventory.keep must be at least 1, e.g. 120");
		}
		if (webhookCertificateWarning.isNegative()) {
			throw new IllegalArgumentException("gmsa.inventory.webhook-certificate-warning must not be negative: "
					+ "e.g. 30d");
		}
	}

	boolean scheduled() {
		return !this.snapshotInterval.isZero();
	}

}
