/**
 * The provisioning engine: requests become hashed plans, approvals bind a plan hash, and runs execute the
 * plan's steps in the background, persisted, audited and resumable.
 */
@ApplicationModule(allowedDependencies = { "audit", "cluster", "credspec", "directory", "keys", "secretstores" })
@NullMarked
package org.gmsaportal.provisioning;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
