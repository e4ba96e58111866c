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
 * @param webhookCertificates the gMSA webhook's certificates with their expiry, those that could not be read too
 * (each also named in {@code incomplete}); empty when no gMSA webhook is installed, and in snapshots kept before
 * the inventory read them
 */
public record ClusterListing(String connection, Instant readAt, List<ListedCredentialSpec> credentialSpecs,
		List<String> secrets, List<String> incomplete, List<WebhookCertificate> webhookCertificates) {

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

	/** The part of a reason when a certificate of the gMSA webhook could not be read. */
	public static final String WEBHOOK_CERTIFICATES = "Webhook certificates";

	public ClusterListing {
		credentialSpecs = List.copyOf(credentialSpecs);
		secrets = List.copyOf(secrets);
		incomplete = List.copyOf(incomplete);
		// A snapshot kept before the inventory read the webhook's certificates has no such field in its JSON.
		webhookCertificates = (webhookCertificates != null) ? List.copyOf(webhookCertificates) : List.of();
	}

	/** A listing without webhook certificates: one that could not reach them, or of a cluster without the webhook. */
	public ClusterListing(String connection, Instant readAt, List<ListedCredentialSpec> credentialSpecs,
			List<String> secrets, List<String> incomplete) {
		this(connection, readAt, credentialSpecs, secrets, incomplete, List.of());
	}

	/** The same listing holding these credential specs (the snapshot keeps them in rows of their own). */
	public ClusterListing withCredentialSpecs(List<ListedCredentialSpec> specs) {
		return new ClusterListing(this.connection, this.readAt, specs, this.secrets, this.incomplete,
				this.webhookCertificates);
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
