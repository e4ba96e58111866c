package org.gmsaportal.inventory;

import java.util.List;

/**
 * The Kubernetes Secrets a provisioning run wrote to its cluster, by its own records: the portable identity it
 * applied with the deployment, or wrote through a Kubernetes Secret store.
 */
@FunctionalInterface
interface RecordedSecrets {

	/** The Secrets as {@code namespace/name}; empty when the run wrote none. */
	List<String> of(String runId);

}
