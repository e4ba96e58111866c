/**
 * Kubernetes half of the flow through the fabric8 client: preflight, manifests, apply, export, verify and
 * decommission of gMSA resources, all behind one face, {@link org.gmsaportal.cluster.Clusters}.
 */
@ApplicationModule(allowedDependencies = { "audit" })
@NullMarked
package org.gmsaportal.cluster;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
