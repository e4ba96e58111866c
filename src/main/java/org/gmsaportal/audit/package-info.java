/**
 * The append-only, hash-chained audit trail that every module writes to and auditors read.
 */
@ApplicationModule(allowedDependencies = { "keys" })
@NullMarked
package org.gmsaportal.audit;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
