package org.gmsaportal.directory.internal;

import java.io.ByteArrayOutputStream;

/**
 * Little-endian integer helpers for the Windows binary formats.
 */
final class Bytes {

	private Bytes() {
	}

	static int uint16(byte[] bytes, int offset) {
		check(bytes, offset, 2);
		return (bytes[offset] & 0xff) | (bytes[offset + 1] & 0xff) << 8;
	}

	static int int32(byte[] bytes, int offset) {
		check(bytes, offset, 4);
		return (bytes[offset] & 0xff) | (bytes[offset + 1] & 0xff) << 8 | (bytes[offset + 2] & 0xff) << 16
				| (bytes[offset + 3] & 0xff) << 24;
	}

	static long int64(byte[] bytes, int offset) {
		return (int32(bytes, offset) & 0xffffffffL) | ((long) int32(bytes, offset + 4)) << 32;
	}

	static void writeUint16(ByteArrayOutputStream out, int value) {
		out.write(value & 0xff);
		out.write((value >>> 8) & 0xff);
	}

	static void writeInt32(ByteArrayOutputStream out, int value) {
		writeUint16(out, value & 0xffff);
		writeUint16(out, value >>> 16);
	}

	private static void check(byte[] bytes, int offset, int length) {
		if (offset < 0 || bytes.length < offset + length) {
			throw new IllegalArgumentException("truncated: need " + length + " bytes at offset " + offset
					+ " of " + bytes.length);
		}
	}

}
