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

	/**
	 * What the newest snapshot says about one run: the drift of what it made, and the findings on its gMSA (by name)
	 * and on the credential specs that name it. Empty when no snapshot was taken yet.
	 */
	Optional<Assessment> ofRun(String runId);

	/**
	 * What the newest snapshot says about one gMSA, by account name (with or without {@code $}, any case, any domain):
	 * its drift and findings, and those of the credential specs that name it. Empty when no snapshot was taken yet.
	 */
	Optional<Assessment> ofGmsa(String gmsaName);

}
