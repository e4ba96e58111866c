package org.gmsaportal.provisioning;

/**
 * One instance's hold on one attempt of a run: every state change the executor makes is conditional on it.
 *
 * @param runId the run
 * @param owner the portal instance executing it
 * @param attempt the attempt (1 at start, one more on every resume)
 */
record RunLease(String runId, String owner, int attempt) {
}
