/**
 * Who may use the portal: sign-in (local bootstrap admin, AD users), roles, API clients and their bearer tokens,
 * throttling and audit of it all.
 */
@ApplicationModule(allowedDependencies = { "audit", "directory", "keys" })
@NullMarked
package org.gmsaportal.security;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
