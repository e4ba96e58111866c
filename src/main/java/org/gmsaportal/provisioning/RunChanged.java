package org.gmsaportal.provisioning;

/**
 * Published after an admin resumed, abandoned or decommissioned a run, and when a run ended (succeeded or failed),
 * so that modules following runs (the API's callbacks) look at it again at once instead of on their slow sweep. A
 * run's step-by-step progress is not published: whoever follows a running run polls it.
 *
 * @param runId the run; for a decommission, the run whose objects are removed (when it starts and when it
 * succeeds), and when it ends also the decommission run itself
 */
public record RunChanged(String runId) {
}
