/**
 * Kubernetes half of the flow through the fabric8 client: preflight, manifests, apply, export, verify,
 * inventory and decommission of gMSA resources.
 */
@NullMarked
package org.gmsaportal.cluster;

import org.jspecify.annotations.NullMarked;
