package org.gmsaportal.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The parts of one inventory read that the cluster refused, each with its reason, so that a listing missing a part
 * says so instead of looking whole: a refused list leaves that part empty and the rest is still read.
 */
final class PartialReads {

	private final List<String> incomplete = new ArrayList<>();

	/**
	 * @param part the part of the listing it belongs to (one of {@link ClusterListing}'s part names)
	 * @param what the objects, as the admin names them (e.g. {@code RoleBindings in every namespace})
	 * @return what {@code read} returned, or an empty list when the cluster refused it
	 */
	<T> List<T> list(String part, String what, Supplier<List<T>> read) {
		try {
			return read.get();
		}
		catch (KubernetesClientException ex) {
			// Never quote the server here: a refused list of Secrets could echo data back.
			refused(part, KubernetesErrors.translate(ex, "list " + what, false).getMessage());
			return List.of();
		}
	}

	void refused(String part, String reason) {
		this.incomplete.add(part + ": " + reason);
	}

	List<String> incomplete() {
		return List.copyOf(this.incomplete);
	}

}
