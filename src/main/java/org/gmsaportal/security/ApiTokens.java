package org.gmsaportal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Bearer tokens and signing secrets: 256 random bits with a recognisable prefix, hashed with SHA-256.
 *
 * <p>
 * A plain SHA-256 is enough here: the tokens carry 256 bits of entropy, so there is nothing to guess, and
 * a fast hash keeps every API request cheap (unlike a password hash).
 *
 * <p>
 * Public for the API: it fingerprints filed requests with {@link #hash} and strips {@link #SECRET_PREFIX}
 * before signing callbacks.
 */
public final class ApiTokens {

	/** Prefix of every bearer token, so secret scanners and people recognise a leaked one. */
	static final String TOKEN_PREFIX = "gmsap_";

	/** Prefix of every webhook signing secret, as Standard Webhooks libraries expect. */
	public static final String SECRET_PREFIX = "whsec_";

	private static final Pattern TOKEN = Pattern.compile(TOKEN_PREFIX + "[A-Za-z0-9_-]{43}");

	private static final SecureRandom RANDOM = new SecureRandom();

	private ApiTokens() {
	}

	static String newToken() {
		return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random(32));
	}

	static String newSigningSecret() {
		return SECRET_PREFIX + Base64.getEncoder().encodeToString(random(32));
	}

	/** Whether the value has the shape of a token, checked before any database lookup. */
	static boolean wellFormed(String token) {
		return TOKEN.matcher(token).matches();
	}

	/** SHA-256 of the token, lower-case hex. */
	public static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	/** Compares two hashes in time independent of where they differ. */
	static boolean sameHash(String a, String b) {
		return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
	}

	static byte[] random(int length) {
		byte[] bytes = new byte[length];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

}
