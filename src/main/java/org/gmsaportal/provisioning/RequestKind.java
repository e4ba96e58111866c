package org.gmsaportal.provisioning;

/** What a filed request asks for. */
public enum RequestKind {

	/** Provision a gMSA and its deployment. */
	PROVISION,

	/** Remove what a succeeded provisioning request's run created. */
	DECOMMISSION,

	/** Rotate the portable identity a succeeded provisioning request's run wrote to a secret store. */
	ROTATION

}
