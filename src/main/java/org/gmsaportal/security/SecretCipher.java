package org.gmsaportal.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets for storage with AES-256-GCM; the owner's id is bound in as associated data, so a
 * ciphertext copied onto another row does not decrypt.
 */
final class SecretCipher {

	private static final String VERSION = "v1:";

	private static final int IV_LENGTH = 12;

	private static final int TAG_BITS = 128;

	private final SecretKeySpec key;

	/** Derives the AES key from configured key material (at least 32 characters). */
	SecretCipher(byte[] keyMaterial) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update("gmsa-portal api signing-secret key v1".getBytes(StandardCharsets.UTF_8));
			this.key = new SecretKeySpec(sha.digest(keyMaterial), "AES");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	String encrypt(String plain, String owner) {
		try {
			byte[] iv = ApiTokens.random(IV_LENGTH);
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, owner);
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			return VERSION + Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM encryption failed", ex);
		}
	}

	/** Decrypts; fails if the ciphertext, its owner or the key is not the one it was sealed with. */
	String decrypt(String stored, String owner) {
		if (!stored.startsWith(VERSION)) {
			throw new IllegalStateException("Unknown secret encoding");
		}
		try {
			byte[] all = Base64.getDecoder().decode(stored.substring(VERSION.length()));
			byte[] iv = Arrays.copyOfRange(all, 0, IV_LENGTH);
			Cipher cipher = cipher(Cipher.DECRYPT_MODE, iv, owner);
			return new String(cipher.doFinal(all, IV_LENGTH, all.length - IV_LENGTH), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			// no cause: it would only say which check failed, and the message must not vary with the secret
			throw new IllegalStateException("Stored secret cannot be decrypted: wrong gmsa.api.secret-key or tampered row");
		}
	}

	private Cipher cipher(int mode, byte[] iv, String owner) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, this.key, new GCMParameterSpec(TAG_BITS, iv));
		cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
		return cipher;
	}

}
