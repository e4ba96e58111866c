package org.gmsaportal.directory;

import org.jspecify.annotations.Nullable;

/**
 * A security group for the hosts (or portable users) allowed to retrieve a gMSA's password.
 *
 * @param name the group's name and sAMAccountName
 * @param scope domain-local by default
 * @param container DN of the OU or container, or {@code null} for CN=Users
 */
record GroupRequest(String name, GroupScope scope, @Nullable String container) {

	public static GroupRequest of(String name) {
		return new GroupRequest(name, GroupScope.DOMAIN_LOCAL, null);
	}

}
