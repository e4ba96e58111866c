package org.gmsaportal.directory;

import java.time.Duration;

/**
 * What the password-retrieval proof reports about an msDS-ManagedPassword value: its shape, never the password.
 *
 * @param version blob version (1)
 * @param currentPasswordBytes length of the current password
 * @param previousPasswordPresent whether the previous password was included
 * @param previousPasswordBytes its length (0 if absent)
 * @param queryPasswordInterval when a client should fetch the password again
 * @param unchangedPasswordInterval how long the current password remains unchanged
 */
record ManagedPasswordInfo(int version, int currentPasswordBytes, boolean previousPasswordPresent,
		int previousPasswordBytes, Duration queryPasswordInterval, Duration unchangedPasswordInterval) {
}
