package org.gmsaportal.provisioning;

/**
 * A decision on a filed request that cannot be taken now (it is not pending, was decided meanwhile, or its plan
 * changed); the message says what to do.
 */
public class RequestConflictException extends ProvisioningRefusedException {

	public RequestConflictException(String message) {
		super(message);
	}

}
