package org.gmsaportal.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Loads the keys every portal instance must share (the audit checkpoint key, the API secret key, the data key).
 * On the embedded H2 database (one instance, development) a missing key file is created with a random key, as
 * {@link KeyFiles} always did; on any other database several instances may run, so a key must come from the
 * environment or a mounted file, never from one instance's own dice. Either way the database keeps a fingerprint of
 * each key ({@link KeyFingerprints}), and an instance given another key refuses to start.
 *
 * <p>
 * Not a bean: each module that loads a key makes one, so a module started on its own needs no other module's beans.
 */
public final class SharedKeys {

	private final KeyFingerprints fingerprints;

	private final boolean mayGenerate;

	/**
	 * @param jdbc the portal's database, where the fingerprints are
	 * @param url the database's JDBC URL ({@code spring.datasource.url}): only the embedded H2 may generate keys
	 */
	public SharedKeys(JdbcClient jdbc, String url) {
		this.fingerprints = new KeyFingerprints(jdbc);
		this.mayGenerate = embeddedH2(url);
	}

	/**
	 * @param setting the property name, for messages (e.g. {@code gmsa.audit.checkpoint-key}); its file setting is
	 * {@code setting + "-file"}
	 * @param configured the key from the environment, if any
	 * @param file the key file used when none is configured
	 * @throws IllegalStateException naming the setting when the key is missing, too short or not the one the
	 * database has seen
	 */
	public byte[] load(String setting, @Nullable String configured, Path file) {
		boolean given = configured != null && !configured.isBlank();
		if (!given && !this.mayGenerate && !Files.exists(file)) {
			throw new IllegalStateException(setting + ": no key is set and " + setting + "-file " + file
					+ " does not exist. On a shared database every instance must use the same key: give it in the "
					+ "environment (" + environmentName(setting) + ") or as a mounted file (" + setting
					+ "-file), at least 32 characters.");
		}
		byte[] key;
		try {
			key = KeyFiles.load(setting, configured, file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(setting + "-file " + file + " cannot be read or created", ex);
		}
		this.fingerprints.check(setting, key);
		return key;
	}

	/** {@code gmsa.api.secret-key} is {@code GMSA_API_SECRET_KEY} in the environment. */
	static String environmentName(String setting) {
		return setting.replace('.', '_').replace('-', '_').toUpperCase(java.util.Locale.ROOT);
	}

	/** Only the embedded H2 database is one instance's own; H2 over TCP may be shared. */
	public static boolean embeddedH2(String url) {
		return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:");
	}

}
