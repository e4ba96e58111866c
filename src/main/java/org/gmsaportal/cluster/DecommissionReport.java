package org.gmsaportal.cluster;

import java.util.List;

/**
 * What decommissioning a run did to each object it had created.
 *
 * @param outcomes one entry per recorded object, in the order they were handled (reverse of creation)
 */
public record DecommissionReport(List<Outcome> outcomes) {

	public DecommissionReport {
		outcomes = List.copyOf(outcomes);
	}

	/**
	 * @param object the recorded object
	 * @param result what happened to it
	 * @param explanation why, in words for the admin
	 */
	public record Outcome(ClusterObject object, Result result, String explanation) {
	}

	/** What happened to one object. */
	public enum Result {

		DELETED, ALREADY_GONE, LEFT_ALONE

	}

}
