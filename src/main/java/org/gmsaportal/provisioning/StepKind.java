package org.gmsaportal.provisioning;

/**
 * The kinds of steps a provisioning or decommission run executes, in the order they can appear.
 */
public enum StepKind {

	ENSURE_KDS_ROOT_KEY, ENSURE_GROUP, ENSURE_GMSA, ENSURE_PORTABLE_USER,
	/** A rotation's new password for the portable user. */
	SET_PORTABLE_PASSWORD,
	/** The portable identity written to the store the node's plug-in reads. */
	WRITE_PORTABLE_SECRET,
	ENSURE_MEMBERSHIP, PROVE_RETRIEVAL,
	GENERATE_CREDSPEC,
	/** The gMSA CRD and admission webhook, planned only where the cluster lacks them. */
	INSTALL_GMSA_WEBHOOK,
	CLUSTER_PREFLIGHT, APPLY_TO_CLUSTER, EXPORT_BUNDLE,
	/** Docker hosts without Kubernetes: the credential spec file's name and the commands to place and use it. */
	PLACE_ON_DOCKER_HOSTS,
	VERIFY_WORKLOAD,
	/** One of the admin's own workloads pointed at the credential spec, once the sample proved the setup. */
	PATCH_WORKLOAD,

	/**
	 * The portal's fields given back by one workload; a decommission plans these first, before the credential spec
	 * they name is deleted.
	 */
	UNPATCH_WORKLOAD,
	REMOVE_FROM_CLUSTER,
	/** The webhook a run installed, once no credential spec is left; planned only for a run that installed it. */
	REMOVE_GMSA_WEBHOOK,
	REMOVE_MEMBERSHIP, REMOVE_PORTABLE_SECRET, REMOVE_PORTABLE_USER, REMOVE_GMSA, REMOVE_GROUP;

	/** The audit action of this step, e.g. {@code provisioning.step.ensure-group}. */
	public String auditAction() {
		return "provisioning.step." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

}
