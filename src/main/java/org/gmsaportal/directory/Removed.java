package org.gmsaportal.directory;

/**
 * What a removal did.
 *
 * @param removed whether something was removed (false: already gone, or blocked)
 * @param detail what was found or done; for a blocked removal the object, the blocker and what to do
 * @param blocked whether the object is still there because the portal must not delete it yet (members someone
 * added, a gMSA that still trusts the group, an object changed outside the portal)
 */
public record Removed(boolean removed, String detail, boolean blocked) {

	public Removed(boolean removed, String detail) {
		this(removed, detail, false);
	}

	/** The object is still there and the portal refused to delete it, for the reason {@code detail} gives. */
	public static Removed blocked(String detail) {
		return new Removed(false, detail, true);
	}

}
