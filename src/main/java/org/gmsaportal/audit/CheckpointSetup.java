package org.gmsaportal.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.gmsaportal.keys.KeyFiles;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Provides the checkpoint signing key and the checkpoint directory, and refuses to start when either sits in the
 * database's directory: whoever can rewrite the database could then sign or replace checkpoints too. Scheduling is
 * enabled here too, for the interval publication, whichever other modules enable it.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CheckpointSetup {

	private static final Logger logger = LoggerFactory.getLogger(CheckpointSetup.class);

	static final String KEY_SETTING = "gmsa.audit.checkpoint-signing-key";

	@Bean
	CheckpointSigner checkpointSigner(AuditSettings settings, @Value("${spring.datasource.url:}") String url)
			throws IOException {
		if (settings.checkpointSigningKey() != null && !settings.checkpointSigningKey().isBlank()) {
			return CheckpointSigner.fromPem(settings.checkpointSigningKey(), KEY_SETTING);
		}
		Path file = settings.checkpointSigningKeyFile();
		refuseInside(file, databaseDirectory(settings, url), KEY_SETTING + "-file");
		if (!Files.exists(file)) {
			if (!embeddedH2(url)) {
				throw new IllegalStateException(KEY_SETTING + ": no key is set and " + KEY_SETTING + "-file " + file
						+ " does not exist. Give the Ed25519 key pair (openssl genpkey -algorithm ed25519) in the "
						+ "environment (GMSA_AUDIT_CHECKPOINT_SIGNING_KEY) or as a file on another volume.");
			}
			KeyFiles.writeNew(file, CheckpointSigner.generatePem());
			logger.warn("Created the checkpoint signing key {} because the database is the embedded H2 (development)."
					+ " In production give {} from the environment or a file on another volume.", file, KEY_SETTING);
		}
		return CheckpointSigner.fromPem(Files.readString(file), KEY_SETTING + "-file " + file);
	}

	@Bean
	CheckpointDirectory checkpointDirectory(AuditSettings settings, @Value("${spring.datasource.url:}") String url)
			throws IOException {
		Path directory = settings.checkpointDirectory();
		refuseInside(directory, databaseDirectory(settings, url), "gmsa.audit.checkpoint-directory");
		Files.createDirectories(directory);
		return new CheckpointDirectory(directory);
	}

	private static void refuseInside(Path path, @Nullable Path databaseDirectory, String setting) {
		if (databaseDirectory != null && absolute(path).startsWith(databaseDirectory)) {
			throw new IllegalStateException(setting + ": " + path + " is inside the database's directory "
					+ databaseDirectory + ". Whoever can rewrite the database could then rewrite the checkpoints "
					+ "too; put it on another volume (see README, 'The audit trail, for auditors').");
		}
	}

	/** The directory of the database's files: the setting, else the directory of an H2 file database. */
	static @Nullable Path databaseDirectory(AuditSettings settings, String url) {
		if (settings.databaseDirectory() != null) {
			return absolute(settings.databaseDirectory());
		}
		if (!url.startsWith("jdbc:h2:")) {
			return null;
		}
		String location = url.substring("jdbc:h2:".length());
		int options = location.indexOf(';');
		location = (options >= 0) ? location.substring(0, options) : location;
		if (location.startsWith("mem:") || location.startsWith("tcp:") || location.startsWith("ssl:")) {
			return null;
		}
		location = location.startsWith("file:") ? location.substring("file:".length()) : location;
		if (location.startsWith("~")) {
			location = System.getProperty("user.home") + location.substring(1);
		}
		Path parent = absolute(Path.of(location)).getParent();
		return parent;
	}

	private static boolean embeddedH2(String url) {
		return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:");
	}

	private static Path absolute(Path path) {
		return path.toAbsolutePath().normalize();
	}

}
