package org.gmsaportal.directory;

import org.jspecify.annotations.Nullable;

/**
 * A security principal as the directory inventory resolves it from a SID.
 *
 * @param sid the principal's SID in string form ({@code S-1-5-21-...})
 * @param name its {@code sAMAccountName}, or the well-known name; {@code null} when the SID does not resolve
 * @param distinguishedName where it lives; {@code null} for well-known principals and unresolved SIDs
 * @param kind what it is
 */
public record ListedPrincipal(String sid, @Nullable String name, @Nullable String distinguishedName, Kind kind) {

	public enum Kind {
		USER, COMPUTER, GROUP, GMSA, WELL_KNOWN, UNRESOLVED
	}

}
