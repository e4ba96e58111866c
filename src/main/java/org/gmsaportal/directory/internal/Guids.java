package org.gmsaportal.directory.internal;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * objectGUID values ([MS-DTYP] 2.3.4.2): the first three fields are little-endian, unlike {@link UUID}'s bytes.
 */
public final class Guids {

	private Guids() {
	}

	public static UUID toUuid(byte[] bytes) {
		if (bytes.length != 16) {
			throw new IllegalArgumentException("a GUID has 16 bytes, not " + bytes.length);
		}
		byte[] swapped = bytes.clone();
		reverse(swapped, 0, 4);
		reverse(swapped, 4, 2);
		reverse(swapped, 6, 2);
		ByteBuffer buffer = ByteBuffer.wrap(swapped);
		return new UUID(buffer.getLong(), buffer.getLong());
	}

	public static byte[] toBytes(UUID uuid) {
		byte[] bytes = ByteBuffer.allocate(16)
			.putLong(uuid.getMostSignificantBits())
			.putLong(uuid.getLeastSignificantBits())
			.array();
		reverse(bytes, 0, 4);
		reverse(bytes, 4, 2);
		reverse(bytes, 6, 2);
		return bytes;
	}

	private static void reverse(byte[] bytes, int from, int length) {
		for (int i = 0; i < length / 2; i++) {
			byte b = bytes[from + i];
			bytes[from + i] = bytes[from + length - 1 - i];
			bytes[from + length - 1 - i] = b;
		}
	}

}
