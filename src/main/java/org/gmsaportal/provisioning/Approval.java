package org.gmsaportal.provisioning;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Someone's approval of exactly one plan, identified by its hash.
 *
 * @param planHash the hash of the plan that was shown
 * @param approvedBy who approved
 * @param approvedAt when
 * @param reason why, or {@code null}
 */
public record Approval(String planHash, String approvedBy, Instant approvedAt, @Nullable String reason) {

	public Approval {
		if (!planHash.matches("[0-9a-f]{64}")) {
			throw new IllegalArgumentException("planHash must be 64 lower-case hex digits");
		}
		if (approvedBy.isBlank()) {
			throw new IllegalArgumentException("approvedBy must name who approved");
		}
	}

}
