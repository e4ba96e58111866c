package org.gmsaportal.directory;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A user account as the directory holds it now (the inventory reads the portable users the portal made).
 *
 * @param samAccountName the account name
 * @param distinguishedName where it lives
 * @param passwordLastSet {@code pwdLastSet}; {@code null} when never set
 * @param memberOf the groups it is a direct member of, by DN
 * @param disabled whether {@code userAccountControl} has ACCOUNTDISABLE
 */
public record ListedUser(String samAccountName, String distinguishedName, @Nullable Instant passwordLastSet,
		List<String> memberOf, boolean disabled) {

	public ListedUser {
		memberOf = List.copyOf(memberOf);
	}

}
