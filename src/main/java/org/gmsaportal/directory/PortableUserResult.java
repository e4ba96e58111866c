package org.gmsaportal.directory;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of ensuring a portable user.
 *
 * @param user what happened to the user object
 * @param membership what happened to its group membership
 * @param password the generated password when the user was created now, else {@code null}: the portal keeps no copy
 */
record PortableUserResult(EnsureResult user, EnsureResult membership, @Nullable IssuedPassword password) {
}
