/**
 * Metrics at the boundaries of the faces that do remote or durable work (directory, cluster, audit trail), for
 * {@code /actuator/prometheus}; the modules themselves stay unaware of them.
 */
@ApplicationModule(allowedDependencies = { "audit", "cluster", "directory" })
@NullMarked
package org.gmsaportal.metrics;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
