package org.gmsaportal.inventory;

import java.time.Instant;
import java.util.Optional;

/**
 * The inventory's face for the front doors (pages and API): snapshots to read, and a refresh to ask for.
 */
public interface Inventory {

	/** The newest snapshot, if one was taken. */
	Optional<InventorySnapshot> latest();

	/** The newest snapshot taken at or before {@code when}: the "as of" view. */
	Optional<InventorySnapshot> asOf(Instant when);

	/** Reads every connection now, assesses, keeps and audits the snapshot, and returns it. */
	InventorySnapshot refresh();

}
