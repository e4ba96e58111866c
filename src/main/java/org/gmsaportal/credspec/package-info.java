/**
 * Credential specs for Windows containers: the model, a generator that writes what {@code New-CredentialSpec}
 * writes, host account plug-in presets, a validator and a plain-language explanation; pure code, no I/O.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package org.gmsaportal.credspec;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
