package org.gmsaportal.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * AES-256-GCM under the data key ({@code gmsa.keys.data-key}), for values every instance reads from the database.
 * Each purpose gets a key of its own (derived with SHA-256), and the owner (a session id, a run id) is bound in as
 * associated data, so a value copied onto another row or used for another purpose does not decrypt.
 *
 * <p>
 * The key is {@code gmsa.keys.data-key} ({@code GMSA_KEYS_DATA_KEY}, at least 32 characters, the same on every
 * instance), else the file {@code gmsa.keys.data-key-file} ({@code ./data/data.key}, a mounted file; created with a
 * random key at first start only on the embedded H2). Like the other keys it is fingerprinted ({@link SharedKeys}).
 */
public final class DataCipher {

	/** The setting of the key. */
	public static final String SETTING = "gmsa.keys.data-key";

	/** The default of {@code gmsa.keys.data-key-file}. */
	public static final String DEFAULT_FILE = "./data/data.key";

	private static final int IV_LENGTH = 12;

	private static final int TAG_BITS = 128;

	private static final byte VERSION = 1;

	private final SecureRandom random = new SecureRandom();

	private final byte[] material;

	/** A cipher over the data key from its settings, refused as {@link SharedKeys#load} refuses. */
	public static DataCipher load(SharedKeys keys, @Nullable String configured, Path file) {
		return new DataCipher(keys.load(SETTING, configured, file));
	}

	/** A cipher over the given key material (at least 32 bytes). */
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
