package org.gmsaportal.api.v1;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * Where the next page of an inventory list starts: the snapshot the first page came from (so that a refresh between
 * two pages does not shift rows) and the position in its sorted list. Opaque to clients.
 *
 * @param snapshot the snapshot's number
 * @param takenAt when it was taken (the "as of" that finds it again)
 * @param offset how many rows came before
 */
record InventoryCursor(long snapshot, Instant takenAt, int offset) {

	String encode() {
		String plain = this.snapshot + ":" + this.takenAt.getEpochSecond() + ":" + this.takenAt.getNano() + ":"
				+ this.offset;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
	}

	/** The cursor a client sent back; a 400 naming {@code cursor} if it is not one the API gave out. */
	static @Nullable InventoryCursor decode(@Nullable String cursor) {
		if (cursor == null || cursor.isEmpty()) {
			return null;
		}
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
			if (parts.length != 4) {
				throw new ApiInputException("cursor", "format");
			}
			int offset = Integer.parseInt(parts[3]);
			if (offset < 0) {
				throw new ApiInputException("cursor", "format");
			}
			return new InventoryCursor(Long.parseLong(parts[0]),
					Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])), offset);
		}
		catch (IllegalArgumentException | java.time.DateTimeException ex) {
			throw new ApiInputException("cursor", "format");
		}
	}

}
