package org.gmsaportal.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A signed statement that the audit trail reached event {@code seq}, whose hash was {@code hash}, at {@code time}.
 *
 * <p>
 * The text form (docs/audit-export.md, "Checkpoints") is five lines, each ending in a line feed; the signature
 * line is an Ed25519 signature over the UTF-8 bytes of the four lines before it, so any language can check it:
 *
 * <pre>
 * gmsa-portal audit checkpoint v1
 * seq: 42
 * hash: 5f0c...(64 lower-case hex)
 * time: 2026-12-07T10:00:00.123Z
 * signature: (base64 of the 64-byte Ed25519 signature)
 * </pre>
 *
 * @param seq the newest event the checkpoint vouches for
 * @param hash that event's chain hash
 * @param time when the checkpoint was signed (UTC)
 * @param signature the Ed25519 signature, base64
 */
public record Checkpoint(long seq, String hash, Instant time, String signature) {

	static final String HEADER = "gmsa-portal audit checkpoint v1";

	private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

	/** The bytes the signature covers. */
	static byte[] signedBytes(long seq, String hash, Instant time) {
		return (HEADER + "\nseq: " + seq + "\nhash: " + hash + "\ntime: " + time + "\n")
			.getBytes(StandardCharsets.UTF_8);
	}

	byte[] signedBytes() {
		return signedBytes(this.seq, this.hash, this.time);
	}

	/** The whole text form, signature included. */
	public String text() {
		return new String(signedBytes(), StandardCharsets.UTF_8) + "signature: " + this.signature + "\n";
	}

	/**
	 * Reads the text form; the signature is not checked here.
	 * @throws IllegalArgumentException saying which line is wrong
	 */
	static Checkpoint parse(String text) {
		List<String> lines = text.lines().toList();
		if (lines.size() != 5 || !lines.get(0).equals(HEADER)) {
			throw new IllegalArgumentException("not a v1 audit checkpoint (expected 5 lines, the first '" + HEADER
					+ "')");
		}
		try {
			long seq = Long.parseLong(value(lines.get(1), "seq"));
			String hash = value(lines.get(2), "hash");
			if (!HEX64.matcher(hash).matches()) {
				throw new IllegalArgumentException("hash: must be 64 lower-case hex digits");
			}
			Instant time = Instant.parse(value(lines.get(3), "time"));
			String signature = value(lines.get(4), "signature");
			Base64.getDecoder().decode(signature);
			Checkpoint checkpoint = new Checkpoint(seq, hash, time, signature);
			if (!checkpoint.text().equals(text)) {
				throw new IllegalArgumentException("not in the canonical form (line ends, spacing or time format)");
			}
			return checkpoint;
		}
		catch (NumberFormatException | DateTimeParseException ex) {
			throw new IllegalArgumentException("seq or time is malformed: " + ex.getMessage(), ex);
		}
	}

	private static String value(String line, String name) {
		if (!line.startsWith(name + ": ")) {
			throw new IllegalArgumentException("expected the line '" + name + ": ...'");
		}
		return line.substring(name.length() + 2);
	}

}
