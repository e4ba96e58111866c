package org.gmsaportal.cluster;

import org.jspecify.annotations.Nullable;

/**
 * The result of one preflight check, with what it found and what to do about it.
 *
 * @param id stable identifier, e.g. {@code crd} or {@code webhook.ca-bundle}
 * @param status pass, warn, fail or unknown
 * @param explanation what was found
 * @param fix what the admin should do, {@code null} when nothing
 */
public record PreflightCheck(String id, Status status, String explanation, @Nullable String fix) {

	static PreflightCheck pass(String id, String explanation) {
		return new PreflightCheck(id, Status.PASS, explanation, null);
	}

	static PreflightCheck warn(String id, String explanation, String fix) {
		return new PreflightCheck(id, Status.WARN, explanation, fix);
	}

	static PreflightCheck fail(String id, String explanation, String fix) {
		return new PreflightCheck(id, Status.FAIL, explanation, fix);
	}

	static PreflightCheck unknown(String id, String explanation, String fix) {
		return new PreflightCheck(id, Status.UNKNOWN, explanation, fix);
	}

	/** How one check came out; unknown means the portal could not look (permissions, unreachable). */
	public enum Status {

		PASS, WARN, FAIL, UNKNOWN

	}

}
