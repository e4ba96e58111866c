/**
 * Active Directory over LDAP: connections, domain facts, and the objects a gMSA deployment needs, all behind one
 * face, {@link org.gmsaportal.directory.Directory}.
 */
@ApplicationModule(allowedDependencies = { "audit", "credspec" })
@NullMarked
package org.gmsaportal.directory;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
