package org.gmsaportal.provisioning;

/**
 * How a portable identity reaches the secret store its node's plug-in reads.
 */
public enum SecretDelivery {

	/** The run writes the store itself, from memory, and proves retrieval with what it reads back. */
	STORE,
	/** A person stores it: the password is shown once with the command for the store. */
	MANUAL

}
