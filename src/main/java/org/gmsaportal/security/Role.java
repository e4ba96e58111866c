package org.gmsaportal.security;

/**
 * What a person may do in the portal.
 */
public enum Role {

	/** Everything: connections, provisioning, deployment, decommission. */
	ADMIN,

	/** Read-only: every page that shows data, nothing that changes anything. */
	AUDITOR;

	String authority() {
		return "ROLE_" + name();
	}

}
