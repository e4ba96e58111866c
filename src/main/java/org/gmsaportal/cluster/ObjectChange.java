package org.gmsaportal.cluster;

import java.util.List;

/**
 * What applying one object does (or did) to the cluster, with a readable diff.
 *
 * @param object the object; its uid is set once it exists
 * @param change create, update or unchanged
 * @param diff one line per changed field, values of Secret data shown as {@code (redacted)}
 */
public record ObjectChange(ClusterObject object, Change change, List<String> diff) {

	public ObjectChange {
		diff = List.copyOf(diff);
	}

	/** The kind of change server-side apply makes to one object. */
	public enum Change {

		CREATE, UPDATE, UNCHANGED

	}

}
