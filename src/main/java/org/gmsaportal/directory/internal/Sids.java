package org.gmsaportal.directory.internal;

import java.io.ByteArrayOutputStream;
import java.util.regex.Pattern;

/**
 * Security identifiers ([MS-DTYP] 2.4.2.2) between their binary form and {@code S-1-5-21-...} strings.
 */
public final class Sids {

	private static final Pattern TEXT = Pattern.compile("S-1-(\\d+|0x[0-9a-fA-F]{12})(-\\d+){0,15}");

	private Sids() {
	}

	/** The string form of the SID that starts at {@code offset} of {@code bytes}. */
	public static String toString(byte[] bytes, int offset) {
		if (bytes.length < offset + 8) {
			throw new IllegalArgumentException("SID truncated: " + (bytes.length - offset) + " bytes");
		}
		int revision = bytes[offset] & 0xff;
		int count = bytes[offset + 1] & 0xff;
		if (revision != 1 || count > 15 || bytes.length < offset + 8 + 4 * count) {
			throw new IllegalArgumentException("not a SID (revision " + revision + ", " + count + " sub-authorities)");
		}
		// The identifier authority is big-endian, the sub-authorities little-endian.
		long authority = 0;
		for (int i = 2; i < 8; i++) {
			authority = (authority << 8) | (bytes[offset + i] & 0xff);
		}
		StringBuilder text = new StringBuilder("S-1-");
		text.append(authority < (1L << 32) ? Long.toString(authority) : String.format("0x%012X", authority));
		for (int i = 0; i < count; i++) {
			text.append('-').append(Integer.toUnsignedString(Bytes.int32(bytes, offset + 8 + 4 * i)));
		}
		return text.toString();
	}

	public static String toString(byte[] bytes) {
		return toString(bytes, 0);
	}

	/** Length in bytes of the SID at {@code offset}. */
	public static int length(byte[] bytes, int offset) {
		return 8 + 4 * (bytes[offset + 1] & 0xff);
	}

	/** The binary form of {@code sid}, e.g. {@code S-1-5-21-1-2-3-1105}. */
	public static byte[] toBytes(String sid) {
		if (!TEXT.matcher(sid).matches()) {
			throw new IllegalArgumentException("not a SID: " + sid);
		}
		String[] parts = sid.split("-");
		long authority = parts[2].startsWith("0x") ? Long.parseLong(parts[2].substring(2), 16)
				: Long.parseLong(parts[2]);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(1);
		out.write(parts.length - 3);
		for (int shift = 40; shift >= 0; shift -= 8) {
			out.write((int) (authority >>> shift) & 0xff);
		}
		for (int i = 3; i < parts.length; i++) {
			Bytes.writeInt32(out, (int) Long.parseLong(parts[i]));
		}
		return out.toByteArray();
	}

}
