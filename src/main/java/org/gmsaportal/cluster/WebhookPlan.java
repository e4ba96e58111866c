package org.gmsaportal.cluster;

import java.util.List;

/**
 * What the gMSA CRD and admission webhook need on one cluster, found by reading it: nothing, an install by the
 * portal, or something only the admin can do first.
 *
 * @param need what is needed
 * @param objects the objects an install creates or updates, in order (empty unless {@link Need#INSTALL})
 * @param explanation in words for the review: what is missing and how it is installed, or what to do instead
 */
public record WebhookPlan(Need need, List<ClusterObject> objects, String explanation) {

	public WebhookPlan {
		objects = List.copyOf(objects);
	}

	/** What the cluster needs. */
	public enum Need {

		/** The CRD and both webhooks are there. */
		NONE,
		/** Something is missing and the portal installs it. */
		INSTALL,
		/** Something is missing and the admin must act first (AKS add-on, cert-manager not ready, half a webhook). */
		BLOCKED

	}

}
