package org.gmsaportal.keys;

import java.nio.file.Files;
import java.nio.file.Path;

import org.gmsaportal.support.MigratedH2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Keys every instance on one database must share: generated only on the embedded H2, fingerprinted in the database.
 */
class SharedKeysTests {

	private static final String POSTGRES = "jdbc:postgresql://db.example:5432/gmsa";

	private static final String SETTING = "gmsa.audit.checkpoint-key";

	@TempDir
	Path dir;

	private final MigratedH2 database = MigratedH2.create();

	@Test
	void theEmbeddedH2StillGeneratesAMissingKeyFile() {
		SharedKeys keys = new SharedKeys(this.database.jdbc(), "jdbc:h2:file:./data/gmsa-portal");
		byte[] key = keys.load(SETTING, null, this.dir.resolve("generated.key"));
		assertThat(key).hasSizeGreaterThanOrEqualTo(32);
		assertThat(this.dir.resolve("generated.key")).exists();
	}

	@Test
	void aSharedDatabaseRefusesToGenerateAKeyAndNamesTheSetting() {
		SharedKeys keys = new SharedKeys(this.database.jdbc(), POSTGRES);
		Path missing = this.dir.resolve("missing.key");
		assertThatThrownBy(() -> keys.load(SETTING, null, missing)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining(SETTING)
			.hasMessageContaining("GMSA_AUDIT_CHECKPOINT_KEY")
			.hasMessageContaining(SETTING + "-file");
		assertThat(missing).doesNotExist();
	}

	@Test
	void aMountedKeyFileServesASharedDatabase() throws Exception {
		Path mounted = this.dir.resolve("mounted.key");
		Files.writeString(mounted, "m".repeat(40) + "\n");
		SharedKeys keys = new SharedKeys(this.database.jdbc(), POSTGRES);
		assertThat(new String(keys.load(SETTING, null, mounted))).isEqualTo("m".repeat(40));
	}

	@Test
	void theDatabaseKeepsAFingerprintNotTheKeyAndAnotherKeyIsRefused() {
		new SharedKeys(this.database.jdbc(), POSTGRES).load(SETTING, "k".repeat(40), this.dir.resolve("unused"));
		String stored = this.database.jdbc()
			.sql("SELECT fingerprint FROM key_fingerprint WHERE setting = ?")
			.param(SETTING)
			.query(String.class)
			.single();
		assertThat(stored).hasSize(64).doesNotContain("kkkk");

		SharedKeys sameKey = new SharedKeys(this.database.jdbc(), POSTGRES);
		assertThat(sameKey.load(SETTING, "k".repeat(40), this.dir.resolve("unused"))).hasSize(40);
		SharedKeys otherKey = new SharedKeys(this.database.jdbc(), POSTGRES);
		assertThatThrownBy(() -> otherKey.load(SETTING, "x".repeat(40), this.dir.resolve("unused")))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageStartingWith(SETTING + ":")
			.hasMessageNotContaining("xxxx");
		// each setting has a fingerprint of its own
		assertThat(otherKey.load("gmsa.api.secret-key", "x".repeat(40), this.dir.resolve("unused"))).hasSize(40);
	}

}
