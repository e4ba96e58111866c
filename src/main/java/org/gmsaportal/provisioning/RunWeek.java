package org.gmsaportal.provisioning;

import java.time.LocalDate;
import java.util.Map;

/**
 * The runs started in one week (Monday to Sunday, UTC), counted by the state they are in now.
 *
 * @param start the Monday the week starts on
 * @param counts how many runs of the week are in each state; every state present, zero if none
 */
public record RunWeek(LocalDate start, Map<RunState, Long> counts) {

	public RunWeek {
		counts = Map.copyOf(counts);
	}

	public long total() {
		return this.counts.values().stream().mapToLong(Long::longValue).sum();
	}

}
