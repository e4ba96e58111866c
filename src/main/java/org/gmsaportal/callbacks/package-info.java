/**
 * Signed status callbacks to the ticketing systems that filed requests, driven by run and request events.
 */
@ApplicationModule(allowedDependencies = { "audit", "provisioning", "security" })
@NullMarked
package org.gmsaportal.callbacks;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
