package org.gmsaportal.provisioning;

/**
 * A client tried to decide on a request it filed itself.
 */
public class SeparationOfDutiesException extends ProvisioningRefusedException {

	public SeparationOfDutiesException(String message) {
		super(message);
	}

}
