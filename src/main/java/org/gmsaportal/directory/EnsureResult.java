package org.gmsaportal.directory;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one idempotent ensure (or decommission) step, in words an admin can act on.
 *
 * @param kind what sort of object ({@code group}, {@code gMSA}, {@code user}, {@code membership}, ...)
 * @param distinguishedName the object's DN
 * @param objectGuid its objectGUID: record it, decommission needs it
 * @param outcome what happened
 * @param drift how an existing object differs from the request (empty unless DRIFT); nothing was changed
 * @param warnings things the admin should know even though the step succeeded
 */
record EnsureResult(String kind, String distinguishedName, @Nullable UUID objectGuid, Outcome outcome,
		List<String> drift, List<String> warnings) {

	public EnsureResult {
		drift = List.copyOf(drift);
		warnings = List.copyOf(warnings);
	}

	/** What an ensure or decommission step did. */
	public enum Outcome {

		/** The object was absent and has been created. */
		CREATED,
		/** The object exists exactly as requested; nothing was changed. */
		ALREADY_AS_REQUESTED,
		/** The object exists but differs from the request; nothing was changed. */
		DRIFT,
		/** The object differed and, at the caller's request, was changed to match. */
		REPAIRED,
		/** The object was deleted. */
		DELETED,
		/** The object to delete no longer exists. */
		ALREADY_ABSENT,
		/** Preview only: the object is absent and applying would create it; nothing was changed. */
		PLANNED

	}

	/** One line for the admin. */
	public String summary() {
		return switch (this.outcome) {
			case CREATED -> "Created " + this.kind + " " + this.distinguishedName;
			case ALREADY_AS_REQUESTED -> this.kind + " " + this.distinguishedName + " already as requested; nothing changed";
			case DRIFT -> this.kind + " " + this.distinguishedName + " differs from the request (nothing changed): "
					+ String.join("; ", this.drift);
			case REPAIRED -> "Repaired " + this.kind + " " + this.distinguishedName + ": " + String.join("; ", this.drift);
			case DELETED -> "Deleted " + this.kind + " " + this.distinguishedName;
			case ALREADY_ABSENT -> this.kind + " " + this.distinguishedName + " is already gone";
			case PLANNED -> "Create " + this.kind + " " + this.distinguishedName;
		};
	}

}
