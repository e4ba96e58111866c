package org.gmsaportal.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Signs checkpoints with an Ed25519 key and checks them with its public key.
 *
 * <p>
 * Keys are PEM: the private key as PKCS#8 ({@code BEGIN PRIVATE KEY}) followed by its public key
 * ({@code BEGIN PUBLIC KEY}), what {@code openssl genpkey -algorithm ed25519} and {@code openssl pkey -pubout}
 * write. The JDK cannot derive an Ed25519 public key from the private one, hence both blocks.
 */
final class CheckpointSigner {

	private static final Pattern BLOCK = Pattern.compile("-----BEGIN (PRIVATE|PUBLIC) KEY-----([A-Za-z0-9+/=\\s]+)"
			+ "-----END \\1 KEY-----");

	private final @Nullable PrivateKey privateKey;

	private final PublicKey publicKey;

	private CheckpointSigner(@Nullable PrivateKey privateKey, PublicKey publicKey) {
		this.privateKey = privateKey;
		this.publicKey = publicKey;
	}

	/**
	 * A signer from a private and a public key in PEM, checked to be one pair.
	 * @param setting named in every error, e.g. {@code gmsa.audit.checkpoint-signing-key}
	 * @throws IllegalStateException naming the setting and what is wrong; never the key
	 */
	static CheckpointSigner fromPem(String pem, String setting) {
		byte[] privateDer = block(pem, "PRIVATE");
		byte[] publicDer = block(pem, "PUBLIC");
		if (privateDer == null || publicDer == null) {
			throw new IllegalStateException(setting + ": must hold an Ed25519 private key (BEGIN PRIVATE KEY) and its "
					+ "public key (BEGIN PUBLIC KEY) in PEM");
		}
		try {
			KeyFactory keys = KeyFactory.getInstance("Ed25519");
			CheckpointSigner signer = new CheckpointSigner(keys.generatePrivate(new PKCS8EncodedKeySpec(privateDer)),
					keys.generatePublic(new X509EncodedKeySpec(publicDer)));
			Checkpoint probe = signer.sign(0, "0".repeat(64), Instant.EPOCH);
			if (!signer.verifies(probe)) {
				throw new IllegalStateException(setting + ": the public key is not the private key's");
			}
			return signer;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(setting + ": not an Ed25519 key pair (" + ex.getClass().getSimpleName()
					+ ")");
		}
	}

	/** A verifier only, from a public key in PEM, for auditors' tools. */
	static CheckpointSigner verifierFromPem(String pem, String source) {
		byte[] publicDer = block(pem, "PUBLIC");
		if (publicDer == null) {
			throw new IllegalArgumentException(source + ": no Ed25519 public key (BEGIN PUBLIC KEY) in PEM");
		}
		try {
			return new CheckpointSigner(null,
					KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(publicDer)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException(source + ": not an Ed25519 public key", ex);
		}
	}

	/** A new key pair as PEM, both blocks, for development setups only. */
	static String generatePem() {
		try {
			KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
			return pem("PRIVATE", pair.getPrivate().getEncoded()) + pem("PUBLIC", pair.getPublic().getEncoded());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Ed25519 unavailable", ex);
		}
	}

	Checkpoint sign(long seq, String hash, Instant time) {
		if (this.privateKey == null) {
			throw new IllegalStateException("this checkpoint key can verify only");
		}
		try {
			Signature signature = Signature.getInstance("Ed25519");
			signature.initSign(this.privateKey);
			signature.update(Checkpoint.signedBytes(seq, hash, time));
			return new Checkpoint(seq, hash, time, Base64.getEncoder().encodeToString(signature.sign()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Ed25519 signing failed", ex);
		}
	}

	boolean verifies(Checkpoint checkpoint) {
		try {
			Signature signature = Signature.getInstance("Ed25519");
			signature.initVerify(this.publicKey);
			signature.update(checkpoint.signedBytes());
			return signature.verify(Base64.getDecoder().decode(checkpoint.signature()));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return false;
		}
	}

	/** The public key as PEM, for auditors. */
	String publicKeyPem() {
		return pem("PUBLIC", this.publicKey.getEncoded());
	}

	private static byte @Nullable [] block(String pem, String kind) {
		Matcher matcher = BLOCK.matcher(pem);
		while (matcher.find()) {
			if (matcher.group(1).equals(kind)) {
				return Base64.getMimeDecoder().decode(matcher.group(2).getBytes(StandardCharsets.US_ASCII));
			}
		}
		return null;
	}

	private static String pem(String kind, byte[] der) {
		return "-----BEGIN " + kind + " KEY-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
				+ "\n-----END " + kind + " KEY-----\n";
	}

}
