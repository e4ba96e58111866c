package org.gmsaportal.directory;

import java.util.List;

/**
 * A user who proved their password to the directory, with every group they belong to, nested ones
 * included.
 *
 * @param distinguishedName the user's DN
 * @param accountName the sAMAccountName
 * @param groups the groups the user is a member of, directly or through other groups
 */
public record DirectoryUser(String distinguishedName, String accountName, List<DirectoryGroup> groups) {

	public DirectoryUser {
		groups = List.copyOf(groups);
	}

	/**
	 * A group, by DN and by common name.
	 *
	 * @param distinguishedName the group's DN
	 * @param name its cn
	 */
	public record DirectoryGroup(String distinguishedName, String name) {
	}

}
