package org.gmsaportal.security;

import java.io.Serializable;

import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * A signed-in person: their account name and where the account lives. Serializable: the session that holds it is
 * kept in the database for every instance.
 *
 * @param name the account name shown in the header and the audit trail
 * @param source {@code local} or the directory connection's name
 * @param distinguishedName the AD object's DN, or empty for a local account
 */
record PortalPrincipal(String name, String source, String distinguishedName) implements AuthenticatedPrincipal, Serializable {

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public String toString() {
		return this.name;
	}

}
