package org.gmsaportal.provisioning;

/**
 * Published after an admin resumed, abandoned or decommissioned a run, so that modules following runs (the API's
 * callbacks) look at it again at once instead of on their slow sweep. A run's own progress is not published:
 * whoever follows a running run polls it.
 *
 * @param runId the run acted on; for a decommission, the run whose objects are removed
 */
public record RunActedOn(String runId) {
}
