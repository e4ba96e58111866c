package org.gmsaportal.secretstores;

import org.jspecify.annotations.Nullable;

/**
 * What a store holds under a secret's name, without its value.
 *
 * @param exists whether a secret of that name exists (deleted or disabled ones count as existing when the store
 * keeps the name reserved)
 * @param writtenByPortal whether the portal's marker is on it
 * @param version the store's version id of the current value, {@code null} when none or not versioned
 * @param writtenByRun the run id in the portal's marker, {@code null} when none
 */
public record StoredSecret(boolean exists, boolean writtenByPortal, @Nullable String version,
		@Nullable String writtenByRun) {

	public static StoredSecret absent() {
		return new StoredSecret(false, false, null, null);
	}

}
