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

	public ClusterListing {
		credentialSpecs = List.copyOf(credentialSpecs);
		secrets = List.copyOf(secrets);
		incomplete = List.copyOf(incomplete);
	}

	public boolean complete() {
		return this.incomplete.isEmpty();
	}

}
