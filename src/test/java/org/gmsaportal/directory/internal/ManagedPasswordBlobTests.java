package org.gmsaportal.directory.internal;

import java.io.ByteArrayOutputStream;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Reading the metadata of MSDS-MANAGEDPASSWORD_BLOB values built to the [MS-ADTS] 2.2.19 layout.
 */
class ManagedPasswordBlobTests {

	@Test
	void blobWithOnlyTheCurrentPasswordReportsItsLengthAndIntervals() {
		ManagedPasswordBlob blob = ManagedPasswordBlob.parse(blob(false));
		assertThat(blob.version()).isEqualTo(1);
		assertThat(blob.currentPasswordBytes()).isEqualTo(256);
		assertThat(blob.previousPasswordPresent()).isFalse();
		assertThat(blob.queryPasswordInterval()).isEqualTo(Duration.ofDays(29));
		assertThat(blob.unchangedPasswordInterval()).isEqualTo(Duration.ofDays(28));
	}

	@Test
	void blobWithThePreviousPasswordReportsBoth() {
		ManagedPasswordBlob blob = ManagedPasswordBlob.parse(blob(true));
		assertThat(blob.previousPasswordPresent()).isTrue();
		assertThat(blob.previousPasswordBytes()).isEqualTo(256);
		assertThat(blob.currentPasswordBytes()).isEqualTo(256);
	}

	@Test
	void blobWithAWrongDeclaredLengthIsRejected() {
		byte[] bytes = blob(false);
		bytes[4] = 1;
		assertThatIllegalArgumentException().isThrownBy(() -> ManagedPasswordBlob.parse(bytes));
		assertThatIllegalArgumentException().isThrownBy(() -> ManagedPasswordBlob.parse(new byte[8]));
	}

	// Header, password(s) of 256 non-zero bytes + NUL, padding to 8, then two 64-bit intervals.
	static byte[] blob(boolean withPrevious) {
		int current = 16;
		int previous = withPrevious ? align(current + 258) : 0;
		int query = align((withPrevious ? previous : current) + 258);
		int unchanged = query + 8;
		int length = unchanged + 8;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Bytes.writeUint16(out, 1);
		Bytes.writeUint16(out, 0);
		Bytes.writeInt32(out, length);
		Bytes.writeUint16(out, current);
		Bytes.writeUint16(out, previous);
		Bytes.writeUint16(out, query);
		Bytes.writeUint16(out, unchanged);
		byte[] bytes = new byte[length];
		System.arraycopy(out.toByteArray(), 0, bytes, 0, 16);
		fill(bytes, current);
		if (withPrevious) {
			fill(bytes, previous);
		}
		putLong(bytes, query, Duration.ofDays(29).toNanos() / 100);
		putLong(bytes, unchanged, Duration.ofDays(28).toNanos() / 100);
		return bytes;
	}

	private static int align(int offset) {
		return (offset + 7) & ~7;
	}

	private static void fill(byte[] bytes, int from) {
		for (int i = 0; i < 256; i++) {
			bytes[from + i] = (byte) (0x41 + i % 26);
		}
	}

	private static void putLong(byte[] bytes, int at, long value) {
		for (int i = 0; i < 8; i++) {
			bytes[at + i] = (byte) (value >>> (8 * i));
		}
	}

}
