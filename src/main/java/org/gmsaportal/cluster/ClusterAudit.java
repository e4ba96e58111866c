package org.gmsaportal.cluster;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.jspecify.annotations.Nullable;

/**
 * Records every cluster write in the audit trail with the object's coordinates only, never its content.
 */
class ClusterAudit {

	private final AuditTrail trail;

	ClusterAudit(AuditTrail trail) {
		this.trail = trail;
	}

	/**
	 * Records, before a write is sent, that it is about to be; if this cannot be recorded the write is not
	 * sent (the exception propagates), so no cluster change ever goes unaudited.
	 * @param runId the run the write belongs to, with its {@code ticket}: the caller names them
	 */
	void intent(String connection, @Nullable String runId, @Nullable String ticket, String verb, HasMetadata object) {
		this.trail.record(AuditEvent.of("cluster.object." + verb + ".intent", ClusterObject.of(object).toString(),
				AuditOutcome.SUCCESS)
			.withDetails(coordinates(connection, verb, object))
			.withCorrelation(runId, ticket));
	}

	/**
	 * @param verb {@code apply}, {@code delete}, {@code patch}
	 * @param result short outcome text ({@code created}, {@code updated}, {@code deleted}, or the error)
	 */
	void write(String connection, @Nullable String runId, @Nullable String ticket, String verb, HasMetadata object,
			AuditOutcome outcome, String result) {
		Map<String, Object> details = coordinates(connection, verb, object);
		details.put("result", result);
		this.trail.record(AuditEvent.of("cluster.object." + verb, ClusterObject.of(object).toString(), outcome)
			.withDetails(details)
			.withCorrelation(runId, ticket));
	}

	// Only coordinates go in: object bodies (Secret data, credspec) are deliberately never copied here.
	private static Map<String, Object> coordinates(String connection, String verb, HasMetadata object) {
		String namespace = object.getMetadata().getNamespace();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("cluster", connection);
		details.put("apiVersion", object.getApiVersion());
		details.put("kind", object.getKind());
		details.put("name", object.getMetadata().getName());
		details.put("namespace", (namespace != null) ? namespace : "");
		details.put("verb", verb);
		return details;
	}

}
