package org.gmsaportal.provisioning;

/**
 * What a planned step will do, as found by the live lookups when the plan was made.
 */
public enum StepIntent {

	/** The object does not exist and will be created. */
	CREATE,

	/** The object exists and will be changed as described. */
	CHANGE,

	/** The object exists exactly as requested; the step only confirms it. */
	ALREADY_AS_REQUESTED,

	/** A read-only check or proof. */
	CHECK,

	/** An artifact is generated or objects are applied or removed as listed. */
	APPLY,

	/** Not applicable to this request; the run records it as skipped. */
	SKIP,

	/** The directory differs from the request in a way the portal never overwrites: the plan cannot run. */
	BLOCKED

}
