package org.gmsaportal.credspec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/**
 * Turns the binary {@code objectSid} and {@code objectGUID} values an LDAP search returns into their string forms
 * ([MS-DTYP] 2.4.2.2 and 2.3.4.2).
 */
final class BinaryIds {

	private BinaryIds() {
	}

	/** Revision, count, 48-bit big-endian authority, then little-endian 32-bit sub-authorities. */
	static String sid(byte[] bytes) {
		if (bytes.length < 8 || bytes[0] != 1 || bytes.length != 8 + 4 * (bytes[1] & 0xFF)) {
			throw new InvalidCredentialSpecInputException("objectSid",
					"must be a binary SID: revision 1, sub-authority count, 6-byte authority, 4 bytes per sub-authority");
		}
		long authority = 0;
		for (int i = 2; i < 8; i++) {
			authority = (authority << 8) | (bytes[i] & 0xFF);
		}
		StringBuilder sid = new StringBuilder("S-1-").append(authority);
		ByteBuffer subs = ByteBuffer.wrap(bytes, 8, bytes.length - 8).order(ByteOrder.LITTLE_ENDIAN);
		while (subs.hasRemaining()) {
			sid.append('-').append(Integer.toUnsignedLong(subs.getInt()));
		}
		return sid.toString();
	}

	/** The first three GUID fields are stored little-endian; reading the bytes straight into a UUID scrambles them. */
	static UUID guid(byte[] bytes) {
		if (bytes.length != 16) {
			throw new InvalidCredentialSpecInputException("objectGuid", "must be 16 bytes, not " + bytes.length);
		}
		ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		long data1 = Integer.toUnsignedLong(le.getInt());
		long data2 = Short.toUnsignedLong(le.getShort());
		long data3 = Short.toUnsignedLong(le.getShort());
		long data4 = ByteBuffer.wrap(bytes, 8, 8).order(ByteOrder.BIG_ENDIAN).getLong();
		return new UUID((data1 << 32) | (data2 << 16) | data3, data4);
	}

}
