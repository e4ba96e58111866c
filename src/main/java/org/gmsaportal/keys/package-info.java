/**
 * Secret keys the portal keeps outside its database: from the environment, or from an owner-only file.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package org.gmsaportal.keys;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
