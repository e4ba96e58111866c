package org.gmsaportal.provisioning;

/**
 * Whether a run provisions a gMSA deployment, rotates its portable identity, or removes it.
 */
public enum RunKind {

	PROVISION, ROTATION, DECOMMISSION

}
