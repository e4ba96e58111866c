package org.gmsaportal.provisioning;

/**
 * Whether a run provisions a gMSA deployment or removes one.
 */
public enum RunKind {

	PROVISION, DECOMMISSION

}
