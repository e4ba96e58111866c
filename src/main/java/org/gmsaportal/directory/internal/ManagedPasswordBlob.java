package org.gmsaportal.directory.internal;

import java.time.Duration;

/**
 * Metadata of an msDS-ManagedPassword value (MSDS-MANAGEDPASSWORD_BLOB, [MS-ADTS] 2.2.19), never the password.
 *
 * @param version blob version (1)
 * @param length total length the blob declares
 * @param currentPasswordBytes length of the current password in bytes (256 on Windows and Samba)
 * @param previousPasswordPresent whether the blob carries the previous password
 * @param previousPasswordBytes its length, 0 when absent
 * @param queryPasswordInterval how long until the password should be fetched again
 * @param unchangedPasswordInterval how long the current password stays unchanged
 */
public record ManagedPasswordBlob(int version, int length, int currentPasswordBytes, boolean previousPasswordPresent,
		int previousPasswordBytes, Duration queryPasswordInterval, Duration unchangedPasswordInterval) {

	private static final int HEADER_LENGTH = 16;

	/** Parses {@code blob}; the password bytes themselves are only measured, never copied. */
	public static ManagedPasswordBlob parse(byte[] blob) {
		if (blob.length < HEADER_LENGTH) {
			throw new IllegalArgumentException("msDS-ManagedPassword blob too short: " + blob.length + " bytes");
		}
		int version = Bytes.uint16(blob, 0);
		int length = Bytes.int32(blob, 4);
		int current = Bytes.uint16(blob, 8);
		int previous = Bytes.uint16(blob, 10);
		int query = Bytes.uint16(blob, 12);
		int unchanged = Bytes.uint16(blob, 14);
		if (version != 1 || length != blob.length || current < HEADER_LENGTH || query <= current
				|| (previous != 0 && (previous <= current || previous >= query))) {
			throw new IllegalArgumentException("msDS-ManagedPassword blob has an unexpected layout (version "
					+ version + ", declared length " + length + " of " + blob.length + ")");
		}
		int currentEnd = (previous != 0) ? previous : query;
		int currentBytes = passwordLength(blob, current, currentEnd);
		int previousBytes = (previous != 0) ? passwordLength(blob, previous, query) : 0;
		return new ManagedPasswordBlob(version, length, currentBytes, previous != 0, previousBytes,
				ticks(Bytes.int64(blob, query)), ticks(Bytes.int64(blob, unchanged)));
	}

	// A password is UTF-16 terminated by a NUL character; it may be followed by alignment padding.
	private static int passwordLength(byte[] blob, int from, int limit) {
		for (int i = from; i + 1 < limit; i += 2) {
			if (blob[i] == 0 && blob[i + 1] == 0) {
				return i - from;
			}
		}
		return limit - from;
	}

	private static Duration ticks(long hundredNanos) {
		return Duration.ofNanos(Math.multiplyExact(hundredNanos, 100L));
	}

}
