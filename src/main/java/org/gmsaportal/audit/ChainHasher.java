package org.gmsaportal.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The hash of an audit event and the HMAC of the chain head.
 *
 * <p>
 * The canonical form writes every field in a fixed order, each as {@code <length>:<value>} (a null as
 * {@code -}), so no two different events share a serialisation whatever characters their values hold.
 */
final class ChainHasher {

	private final SecretKeySpec checkpointKey;

	public ChainHasher(byte[] checkpointKey) {
		this.checkpointKey = new SecretKeySpec(checkpointKey, "HmacSHA256");
	}

	/** SHA-256 of the previous hash followed by the event's canonical form, as lower-case hex. */
	public static String hash(AuditRow row) {
		StringBuilder canonical = new StringBuilder(row.prevHash()).append('\n');
		field(canonical, Long.toString(row.seq()));
		field(canonical, row.occurredAt().toString());
		field(canonical, row.actor());
		field(canonical, row.actorKind());
		field(canonical, row.actorRoles());
		field(canonical, row.sourceAddress());
		field(canonical, row.action());
		field(canonical, row.target());
		field(canonical, row.outcome());
		field(canonical, row.details());
		field(canonical, row.correlationId());
		field(canonical, row.ticketRef());
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 unavailable", ex);
		}
	}

	/** HMAC-SHA256 of the chain head, so that only the portal can move it. */
	public String checkpointMac(long seq, String hash) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.checkpointKey);
			byte[] value = mac.doFinal((seq + ":" + hash).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(value);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

	/** Compares in constant time, as for any MAC. */
	public boolean checkpointValid(long seq, String hash, String mac) {
		return MessageDigest.isEqual(checkpointMac(seq, hash).getBytes(StandardCharsets.US_ASCII),
				mac.getBytes(StandardCharsets.US_ASCII));
	}

	private static void field(StringBuilder out, @Nullable String value) {
		if (value == null) {
			out.append("-\n");
			return;
		}
		out.append(value.length()).append(':').append(value).append('\n');
	}

}
