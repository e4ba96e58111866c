package org.gmsaportal.provisioning;

/**
 * Another run holds the claim on this gMSA name in this domain.
 */
public class NameInUseException extends ProvisioningRefusedException {

	private final String holderRunId;

	public NameInUseException(String message, String holderRunId) {
		super(message);
		this.holderRunId = holderRunId;
	}

	/** The run that holds the name. */
	public String holderRunId() {
		return this.holderRunId;
	}

}
