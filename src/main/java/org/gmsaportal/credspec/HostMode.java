package org.gmsaportal.credspec;

/**
 * How a Windows node obtains the gMSA password for the container.
 */
public enum HostMode {

	/** The node's computer account is allowed to retrieve the password; no {@code HostAccountConfig}. */
	DOMAIN_JOINED,

	/** A ccg.exe plug-in fetches a portable user's credential from a secret store ({@code HostAccountConfig}). */
	NON_DOMAIN_JOINED

}
