package org.gmsaportal.provisioning;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The approval or rejection of a filed request.
 *
 * @param verdict APPROVED or REJECTED
 * @param by the API client or ADMIN who decided, or the auto-approve policy with the client it applied to
 * @param at when
 * @param reason why: optional for an approval, required for a rejection
 */
public record RequestDecision(RequestStatus verdict, String by, Instant at, @Nullable String reason) {

	/** What the audit event of a decision on {@code row} says: the request, the plan, who filed and who decided. */
	static Map<String, Object> auditDetails(FiledRequest row, String planHash, String by, @Nullable String reason) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("requestId", row.id());
		details.put("planHash", planHash);
		details.put("filedBy", row.clientId());
		details.put("decidedBy", by);
		details.put("reason", String.valueOf(reason));
		return details;
	}

}
