package org.gmsaportal.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.gmsaportal.api.internal.SecretCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Provides the signing-secret cipher with its key, from the environment or a key file (as the audit
 * checkpoint key does).
 */
@Configuration(proxyBeanMethods = false)
class ApiKeys {

	private static final Logger logger = LoggerFactory.getLogger(ApiKeys.class);

	private static final int MIN_KEY_LENGTH = 32;

	@Bean
	SecretCipher apiSecretCipher(ApiSettings settings) throws IOException {
		return new SecretCipher(key(settings));
	}

	static byte[] key(ApiSettings settings) throws IOException {
		String configured = settings.secretKey();
		if (configured != null && !configured.isBlank()) {
			if (configured.length() < MIN_KEY_LENGTH) {
				throw new IllegalStateException("gmsa.api.secret-key: must be at least " + MIN_KEY_LENGTH + " characters");
			}
			return configured.getBytes(StandardCharsets.UTF_8);
		}
		Path file = settings.secretKeyFile();
		if (!Files.exists(file)) {
			create(file);
		}
		String stored = Files.readString(file).strip();
		if (stored.length() < MIN_KEY_LENGTH) {
			throw new IllegalStateException(
					"gmsa.api.secret-key-file: " + file + " must hold at least " + MIN_KEY_LENGTH + " characters");
		}
		return stored.getBytes(StandardCharsets.UTF_8);
	}

	private static void create(Path file) throws IOException {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		Files.writeString(file, HexFormat.of().formatHex(random) + "\n");
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system; rely on the directory's permissions
		}
		logger.info("Created API secret key file {}; set GMSA_API_SECRET_KEY in production", file);
	}

}
