package org.gmsaportal.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM under the data key ({@code gmsa.keys.data-key}), for values every instance reads from the database.
 * Each purpose gets a key of its own (derived with SHA-256), and the owner (a session id, a run id) is bound in as
 * associated data, so a value copied onto another row or used for another purpose does not decrypt.
 */
@Component
public class DataCipher {

	static final String SETTING = "gmsa.keys.data-key";

	private static final int IV_LENGTH = 12;

	private static final int TAG_BITS = 128;

	private static final byte VERSION = 1;

	private final SecureRandom random = new SecureRandom();

	private final byte[] material;

	@Autowired
	DataCipher(SharedKeys keys, KeySettings settings) {
		this(keys.load(SETTING, settings.dataKey(), settings.dataKeyFile()));
	}

	/** For tests and tools: a cipher over the given key material. */
	public DataCipher(byte[] material) {
		this.material = material.clone();
	}

	/** Encrypts {@code plain} for {@code purpose}, bound to {@code owner}: version byte, IV, ciphertext and tag. */
	public byte[] seal(byte[] plain, String purpose, String owner) {
		try {
			byte[] iv = new byte[IV_LENGTH];
			this.random.nextBytes(iv);
			byte[] sealed = cipher(Cipher.ENCRYPT_MODE, iv, purpose, owner).doFinal(plain);
			return ByteBuffer.allocate(1 + iv.length + sealed.length).put(VERSION).put(iv).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM encryption failed", ex);
		}
	}

	/** Decrypts what {@link #seal} made; fails if the data, its purpose, owner or the key differ. */
	public byte[] open(byte[] sealed, String purpose, String owner) {
		if (sealed.length < 1 + IV_LENGTH || sealed[0] != VERSION) {
			throw new IllegalStateException("Sealed data has an unknown encoding");
		}
		try {
			byte[] iv = Arrays.copyOfRange(sealed, 1, 1 + IV_LENGTH);
			return cipher(Cipher.DECRYPT_MODE, iv, purpose, owner).doFinal(sealed, 1 + IV_LENGTH,
					sealed.length - 1 - IV_LENGTH);
		}
		catch (GeneralSecurityException ex) {
			// no cause: it would only say which check failed
			throw new IllegalStateException("Sealed data cannot be decrypted: wrong " + SETTING + " or tampered row");
		}
	}

	private Cipher cipher(int mode, byte[] iv, String purpose, String owner) throws GeneralSecurityException {
		MessageDigest sha = MessageDigest.getInstance("SHA-256");
		sha.update(("gmsa-portal data key v1\n" + purpose + "\n").getBytes(StandardCharsets.UTF_8));
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, new SecretKeySpec(sha.digest(this.material), "AES"), new GCMParameterSpec(TAG_BITS, iv));
		cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
		return cipher;
	}

}
