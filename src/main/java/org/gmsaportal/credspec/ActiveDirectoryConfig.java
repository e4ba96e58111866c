package org.gmsaportal.credspec;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The {@code ActiveDirectoryConfig} section: the gMSAs the container may use and, for hosts that are not
 * domain-joined, the plug-in that fetches the portable identity.
 *
 * @param groupManagedServiceAccounts primary account under its DNS and NetBIOS scope, then additional accounts
 * @param hostAccountConfig the plug-in section, or {@code null} for domain-joined hosts
 */
public record ActiveDirectoryConfig(List<GroupManagedServiceAccount> groupManagedServiceAccounts,
		@Nullable HostAccountConfig hostAccountConfig) {

	public ActiveDirectoryConfig {
		groupManagedServiceAccounts = List.copyOf(groupManagedServiceAccounts);
	}

	/** The plug-in section, present only for hosts that are not domain-joined. */
	public Optional<HostAccountConfig> hostAccount() {
		return Optional.ofNullable(this.hostAccountConfig);
	}

}
