package org.gmsaportal.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a secret key from its setting, or from a key file created with a random key at first start.
 */
public final class KeyFiles {

	private static final Logger logger = LoggerFactory.getLogger(KeyFiles.class);

	private static final int MIN_KEY_LENGTH = 32;

	private KeyFiles() {
	}

	/**
	 * @param setting the property name, for messages (e.g. {@code gmsa.audit.checkpoint-key})
	 * @param configured the key from the environment, if any
	 * @param file the key file used when none is configured
	 * @throws IllegalStateException naming the setting when the key is too short
	 */
	public static byte[] load(String setting, @Nullable String configured, Path file) throws IOException {
		if (configured != null && !configured.isBlank()) {
			if (configured.length() < MIN_KEY_LENGTH) {
				throw new IllegalStateException(setting + ": must be at least " + MIN_KEY_LENGTH + " characters");
			}
			return configured.getBytes(StandardCharsets.UTF_8);
		}
		if (!Files.exists(file)) {
			create(file, setting);
		}
		String stored = Files.readString(file).strip();
		if (stored.length() < MIN_KEY_LENGTH) {
			throw new IllegalStateException(
					setting + "-file: " + file + " must hold at least " + MIN_KEY_LENGTH + " characters");
		}
		return stored.getBytes(StandardCharsets.UTF_8);
	}

	private static void create(Path file, String setting) throws IOException {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		writeNew(file, HexFormat.of().formatHex(random) + "\n");
		logger.info("Created the key file {} for {}; set the key in the environment in production", file, setting);
	}

	/**
	 * Creates a key file that must not exist yet, readable by its owner only, and writes the key into it.
	 * @throws java.nio.file.FileAlreadyExistsException rather than overwrite a key
	 */
	public static void writeNew(Path file, String content) throws IOException {
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
		Files.writeString(file, content);
	}

}
