package org.gmsaportal.provisioning;

/**
 * The approval does not bind the plan that would run: the plan changed, or the approval was for another one.
 */
public class ApprovalMismatchException extends ProvisioningRefusedException {

	public ApprovalMismatchException(String message) {
		super(message);
	}

}
