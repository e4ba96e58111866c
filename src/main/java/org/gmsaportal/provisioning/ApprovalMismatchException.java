package org.gmsaportal.provisioning;

import org.jspecify.annotations.Nullable;

/**
 * The approval does not bind the plan that would run: the plan changed, or the approval was for another one.
 */
public class ApprovalMismatchException extends ProvisioningRefusedException {

	private final transient @Nullable Plan current;

	public ApprovalMismatchException(String message) {
		this(message, null);
	}

	public ApprovalMismatchException(String message, @Nullable Plan current) {
		super(message);
		this.current = current;
	}

	/** The plan as it is now, when the refusal is that the plan changed: the one to show for a new approval. */
	public @Nullable Plan current() {
		return this.current;
	}

}
