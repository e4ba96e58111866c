package org.gmsaportal.directory;

/**
 * How a new KDS root key's effective time is chosen.
 */
enum KdsKeyMode {

	/** Effective now, as Add-KdsRootKey -EffectiveImmediately: DCs use it about 10 hours later. */
	PRODUCTION,
	/**
	 * Backdated by 10 hours and 10 minutes so a single-DC lab can use it at once. Unsafe with several DCs: one
	 * that has not replicated the key yet cannot serve the gMSA's password.
	 */
	LAB_BACKDATED

}
