package org.gmsaportal.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import org.jspecify.annotations.Nullable;

/**
 * Coordinates of one object in a cluster, as recorded by a run so that decommission removes exactly it.
 *
 * @param apiVersion e.g. {@code rbac.authorization.k8s.io/v1}
 * @param kind e.g. {@code ClusterRole}
 * @param name object name
 * @param namespace namespace, {@code null} for cluster-scoped objects
 * @param uid the uid the API server gave it, {@code null} before it exists
 */
public record ClusterObject(String apiVersion, String kind, String name, @Nullable String namespace,
		@Nullable String uid) {

	static ClusterObject of(HasMetadata object) {
		return new ClusterObject(object.getApiVersion(), object.getKind(), object.getMetadata().getName(),
				object.getMetadata().getNamespace(), object.getMetadata().getUid());
	}

	@Override
	public String toString() {
		return this.kind + " " + ((this.namespace != null) ? this.namespace + "/" : "") + this.name;
	}

}
