/**
 * Active Directory over LDAP: connections, domain facts, and the objects a gMSA deployment needs.
 */
@NullMarked
package org.gmsaportal.directory;

import org.jspecify.annotations.NullMarked;
