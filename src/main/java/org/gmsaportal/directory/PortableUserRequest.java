package org.gmsaportal.directory;

import org.jspecify.annotations.Nullable;

/**
 * A standard user that non-domain-joined nodes use (through ccg.exe) to fetch a gMSA's password.
 *
 * @param name sAMAccountName, at most 20 characters
 * @param group the group that may retrieve the gMSA's password; the user is made a member
 * @param container DN of the OU or container, or {@code null} for CN=Users
 */
record PortableUserRequest(String name, String group, @Nullable String container) {
}
