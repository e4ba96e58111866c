package org.gmsaportal.api.v1;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A filing whose plan is blocked by what the directory or the portal already holds (a gMSA name a run owns or
 * another object holds, a group name that is not a security group, an existing portable user, a missing computer):
 * refused at filing, 409, with each blocker on the body field it comes from, and the owning run if there is one.
 */
class FilingBlockedException extends RuntimeException {

	private final List<Map<String, String>> errors;

	private final @Nullable Map<String, String> ownerRun;

	FilingBlockedException(List<Map<String, String>> errors, @Nullable Map<String, String> ownerRun) {
		super("The request cannot run: " + errors.size() + " blocker(s)");
		this.errors = List.copyOf(errors);
		this.ownerRun = ownerRun;
	}

	List<Map<String, String>> errors() {
		return this.errors;
	}

	@Nullable Map<String, String> ownerRun() {
		return this.ownerRun;
	}

}
