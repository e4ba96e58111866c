package org.gmsaportal.cluster;

import java.util.regex.Pattern;

/**
 * One of the admin's own workloads picked to run under the credential spec.
 *
 * @param kind Deployment, StatefulSet, DaemonSet or CronJob
 * @param name its name in the request's namespace
 * @param serviceAccount whether the portal also sets its {@code serviceAccountName} to the request's service
 * account (the one the RoleBinding lets use the credential spec)
 */
public record WorkloadRef(WorkloadKind kind, String name, boolean serviceAccount) {

	private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

	public WorkloadRef {
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("workload name '" + name
					+ "' is not valid: it must be a DNS subdomain (lower case letters, digits, '-', '.')");
		}
	}

	/** e.g. {@code Deployment/web}: how plans, steps and messages name it. */
	public String label() {
		return this.kind.kind() + "/" + this.name;
	}

}
