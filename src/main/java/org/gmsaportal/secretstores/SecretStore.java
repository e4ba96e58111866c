package org.gmsaportal.secretstores;

import org.gmsaportal.credspec.HostAccountPreset;
import org.gmsaportal.credspec.PortableIdentitySecret;

/**
 * One store a ccg.exe plug-in reads the portable identity from. An adapter talks to its store with the store's
 * own SDK or API and throws {@link SecretStoreException} (naming the store, the secret and what to do) for every
 * failure; a value never appears in a message, a log line or an audit event, only the secret's name and version.
 */
public interface SecretStore {

	/** The store's name in messages and on pages, e.g. {@code Azure Key Vault}. */
	String displayName();

	/** Whether this adapter writes the secret this plug-in preset reads. */
	boolean serves(HostAccountPreset preset);

	/** What the store holds under the destination's name now: never the value. */
	StoredSecret inspect(SecretDestination where);

	/**
	 * Writes a new version of the secret, marked as the portal's (tags, labels) with the run that wrote it.
	 * @return what the store holds afterwards, with the version written
	 */
	StoredSecret write(SecretDestination where, PortableIdentitySecret value);

	/** Reads the current value back, as the node's plug-in would. */
	PortableIdentitySecret read(SecretDestination where);

	/** Removes the secret; the caller has checked that the portal wrote it. */
	StoredSecret remove(SecretDestination where);

	/**
	 * Disables an older version after a rotation, where the store keeps old versions readable by their id
	 * (Azure Key Vault). Stores whose versioning retires old values by itself keep this default.
	 * @return whether the store disabled that version
	 */
	default boolean disableVersion(SecretDestination where, String version) {
		return false;
	}

	/** The command a person would run to write this secret, with the value left out ({@code <value>}). */
	String equivalentCommand(SecretDestination where);

}
