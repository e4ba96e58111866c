package org.gmsaportal.cluster;

/**
 * The labels the portal puts on every object it creates, so its objects can be told from everyone else's.
 */
public final class ClusterLabels {

	/** Standard Kubernetes label naming the tool that manages an object. */
	public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

	/** Value of {@link #MANAGED_BY} on the portal's objects. */
	public static final String PORTAL = "gmsa-portal";

	/** The provisioning run that created an object. */
	public static final String RUN_ID = "gmsaportal.org/run-id";

	/** Field manager for server-side apply, so ownership of every field the portal sets is visible. */
	public static final String FIELD_MANAGER = "gmsa-portal";

	/**
	 * Field manager of the fields the portal sets on the admin's own workloads: a manager of its own, so that giving
	 * them back (an empty apply under it) never touches what the portal applied as its own objects.
	 */
	public static final String WORKLOAD_FIELD_MANAGER = "gmsa-portal-workloads";

	private ClusterLabels() {
	}

}
