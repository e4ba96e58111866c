package org.gmsaportal.directory;

import org.jspecify.annotations.Nullable;

/**
 * One readiness check before provisioning a gMSA, with a human explanation and the fix.
 *
 * @param name what was checked
 * @param verdict the result
 * @param explanation what was found
 * @param fix what to do about it, or {@code null} when nothing is needed
 */
public record PreflightCheck(String name, Verdict verdict, String explanation, @Nullable String fix) {

	/** The result of a check. */
	public enum Verdict {

		PASS, WARN, FAIL, UNKNOWN

	}

	static PreflightCheck pass(String name, String explanation) {
		return new PreflightCheck(name, Verdict.PASS, explanation, null);
	}

}
