package org.gmsaportal.directory;

/**
 * What the admin asked for the forest's KDS root key; the portal never deletes one.
 */
public enum KdsRootKeyChoice {

	/** A usable key must already exist; the plan is blocked otherwise. */
	USE_EXISTING,

	/** Create a key if none exists, usable after the 10 hours replication allows. */
	CREATE,

	/** Create a key backdated by 10 hours: only for a single-DC lab, confirmed by the admin. */
	CREATE_LAB

}
