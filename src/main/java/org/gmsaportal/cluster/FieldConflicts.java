package org.gmsaportal.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Reads the API server's 409 to a server-side apply: each cause names a field and, in its message
 * ({@code conflict with "kubectl-client-side-apply" using apps/v1}), the field manager that owns it.
 */
final class FieldConflicts {

	private static final Pattern MANAGER = Pattern.compile("conflicts? with \"([^\"]+)\"");

	private FieldConflicts() {
	}

	static boolean isConflict(KubernetesClientException ex) {
		return ex.getCode() == 409;
	}

	/** One sentence per conflicting field, naming the field and its manager, and what the admin can do. */
	static String message(KubernetesClientException ex, WorkloadRef workload, String namespace) {
		List<String> fields = new ArrayList<>();
		Status status = ex.getStatus();
		List<StatusCause> causes = (status != null && status.getDetails() != null) ? status.getDetails().getCauses()
				: List.of();
		for (StatusCause cause : (causes != null) ? causes : List.<StatusCause>of()) {
			String manager = manager(cause.getMessage());
			fields.add(cause.getField() + " (owned by field manager \"" + manager + "\")");
		}
		String what = fields.isEmpty() ? "a field the portal would set is owned by another field manager"
				: "field " + String.join(", ", fields) + ((fields.size() == 1) ? " is" : " are")
						+ " owned by another field manager";
		return workload.label() + " in " + namespace + ": " + what
				+ ". The portal never forces a conflict: remove that field from the owner's manifest (or set it"
				+ " there to"
				+ " the portal's value), or leave this workload out, then plan again.";
	}

	private static String manager(String message) {
		Matcher matcher = MANAGER.matcher((message != null) ? message : "");
		return matcher.find() ? matcher.group(1) : "unknown";
	}

}
