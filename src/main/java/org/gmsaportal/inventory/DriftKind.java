package org.gmsaportal.inventory;

/** How a live object differs from what the portal's run made. */
public enum DriftKind {
	DELETED, PRINCIPALS_CHANGED, SPNS_CHANGED, MEMBERS_CHANGED, CREDSPEC_CHANGED, CREDSPEC_ORPHANED, SECRET_REMOVED
}
