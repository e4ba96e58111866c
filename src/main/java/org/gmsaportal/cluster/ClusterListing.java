package org.gmsaportal.cluster;

import java.time.Instant;
import java.util.List;

/**
 * What one cluster connection holds now: every credential spec with who may use it and who does.
 *
 * @param connection the cluster connection's name
 * @param readAt when the read started
 * @param credentialSpecs every {@code GMSACredentialSpec}
 * @param secrets the Secrets the portal wrote ({@code namespace/name}), for drift on the portable identity
 * @param incomplete why parts could not be read (e.g. the cluster refused to list RoleBindings); empty when whole
 */
public record ClusterListing(String connection, Instant readAt, List<ListedCredentialSpec> credentialSpecs,
		List<String> secrets, List<String> incomplete) {

	// Each incomplete reason starts with the part it concerns, "<part>: ", so that an assessor judges only what was
	// read: a credential spec is not "deleted" because the list of them was refused.

	/** The part of a reason when nothing of the cluster could be read. */
	public static final String WHOLE = "Cluster";

	/** The part of a reason when the {@code GMSACredentialSpec} list was refused. */
	public static final String CREDENTIAL_SPECS = "GMSACredentialSpecs";

	/** The part of a reason when who may use the specs is not wholly known (RBAC lists, SubjectAccessReviews). */
	public static final String USAGE = "Who may use";

	/** The part of a reason when a list of workloads was refused. */
	public static final String WORKLOADS = "Workloads";

	/** The part of a reason when the list of the portal's Secrets was refused. */
	public static final String SECRETS = "Portal Secrets";

	public ClusterListing {
		credentialSpecs = List.copyOf(credentialSpecs);
		secrets = List.copyOf(secrets);
		incomplete = List.copyOf(incomplete);
	}

	public boolean complete() {
		return this.incomplete.isEmpty();
	}

	/** Whether the part ({@link #CREDENTIAL_SPECS}, {@link #WORKLOADS}, ...) was read whole. */
	public boolean read(String part) {
		return this.incomplete.stream().noneMatch((reason) -> reason.startsWith(part + ": ")
				|| reason.startsWith(WHOLE + ": "));
	}

}
