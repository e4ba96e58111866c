package org.gmsaportal.cluster;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * All preflight checks of one cluster for one workload, in the order they were run.
 *
 * @param checks the checks
 */
public record PreflightReport(List<PreflightCheck> checks) {

	public PreflightReport {
		checks = List.copyOf(checks);
	}

	/** @throws NoSuchElementException if no check has that id */
	public PreflightCheck check(String id) {
		return this.checks.stream().filter((c) -> c.id().equals(id)).findFirst()
			.orElseThrow(() -> new NoSuchElementException("no preflight check " + id));
	}

	/** Whether nothing failed: warnings and unknowns are for the admin to weigh. */
	public boolean passed() {
		return this.checks.stream().noneMatch((c) -> c.status() == PreflightCheck.Status.FAIL);
	}

}
