/**
 * LDAP plumbing behind the directory module's API: TLS trust, JNDI environment, name checks.
 */
@NullMarked
package org.gmsaportal.directory.internal;

import org.jspecify.annotations.NullMarked;
