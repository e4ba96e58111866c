package org.gmsaportal.keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Secret keys from the environment or an owner-only key file made at first start.
 */
class KeyFilesTests {

	@TempDir
	Path dir;

	@Test
	void aMissingKeyFileIsCreatedOwnerOnlyWithARandomKeyAndReadBackTheSame() throws Exception {
		Path file = this.dir.resolve("sub/key");
		byte[] first = KeyFiles.load("gmsa.test.key", null, file);
		assertThat(first).hasSize(64);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(KeyFiles.load("gmsa.test.key", "", file)).isEqualTo(first);
		assertThat(KeyFiles.load("gmsa.test.key", null, this.dir.resolve("other"))).isNotEqualTo(first);
	}

	@Test
	void aConfiguredKeyWinsAndMustBeLongEnough() throws Exception {
		assertThat(new String(KeyFiles.load("gmsa.test.key", "k".repeat(32), this.dir.resolve("unused"))))
			.isEqualTo("k".repeat(32));
		assertThat(this.dir.resolve("unused")).doesNotExist();
		assertThatThrownBy(() -> KeyFiles.load("gmsa.test.key", "short", this.dir.resolve("unused")))
			.hasMessage("gmsa.test.key: must be at least 32 characters");
	}

}
