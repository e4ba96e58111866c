package org.gmsaportal.provisioning;

/**
 * The engine refused to start, resume or change a run; the message says why and what to do.
 */
public class ProvisioningRefusedException extends RuntimeException {

	public ProvisioningRefusedException(String message) {
		super(message);
	}

}
