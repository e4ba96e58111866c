package org.gmsaportal.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.gmsaportal.audit.internal.ChainHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Provides the chain hasher with its checkpoint key, from the environment or a key file.
 */
@Configuration(proxyBeanMethods = false)
class CheckpointKeys {

	private static final Logger logger = LoggerFactory.getLogger(CheckpointKeys.class);

	private static final int MIN_KEY_LENGTH = 32;

	@Bean
	ChainHasher chainHasher(AuditSettings settings) throws IOException {
		return new ChainHasher(key(settings));
	}

	static byte[] key(AuditSettings settings) throws IOException {
		String configured = settings.checkpointKey();
		if (configured != null && !configured.isBlank()) {
			if (configured.length() < MIN_KEY_LENGTH) {
				throw new IllegalStateException(
						"gmsa.audit.checkpoint-key: must be at least " + MIN_KEY_LENGTH + " characters");
			}
			return configured.getBytes(StandardCharsets.UTF_8);
		}
		Path file = settings.checkpointKeyFile();
		if (!Files.exists(file)) {
			create(file);
		}
		String stored = Files.readString(file).strip();
		if (stored.length() < MIN_KEY_LENGTH) {
			throw new IllegalStateException(
					"gmsa.audit.checkpoint-key-file: " + file + " must hold at least " + MIN_KEY_LENGTH + " characters");
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
		try {
			// Created owner-only, so the key is never readable by others, not even for a moment.
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system; rely on the directory's permissions
			Files.createFile(file);
		}
		Files.writeString(file, HexFormat.of().formatHex(random) + "\n");
		logger.info("Created audit checkpoint key file {}; set GMSA_AUDIT_CHECKPOINT_KEY in production", file);
	}

}
