package org.gmsaportal.cluster;

import java.time.Duration;

/**
 * Which sample workload to verify, against which domain, and for how long to wait.
 *
 * @param namespace the workload's namespace
 * @param workloadName the sample deployment's name
 * @param runId the run whose pod is wanted (pods carry its label)
 * @param domain the AD DNS domain for {@code nltest /sc_verify}
 * @param timeout upper bound for the whole verification, waiting and commands together
 */
record VerifyRequest(String namespace, String workloadName, String runId, String domain, Duration timeout) {
}
