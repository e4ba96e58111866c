package org.gmsaportal.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where the checkpoint key and directory may live: never in the database's directory, and a key is generated only
 * for the embedded H2 database of a development setup.
 */
class CheckpointSetupTests {

	@TempDir
	Path dir;

	private final CheckpointSetup setup = new CheckpointSetup();

	@Test
	void aKeyFileInTheH2DatabasesDirectoryIsRefusedNamingTheSetting() {
		String url = "jdbc:h2:file:" + this.dir.resolve("data/gmsa-portal") + ";AUTO_SERVER=TRUE";
		AuditSettings settings = settings(this.dir.resolve("data/checkpoint-signing-key.pem"), this.dir.resolve("cp"));
		assertThatThrownBy(() -> this.setup.checkpointSigner(settings, url)).isInstanceOf(IllegalStateException.class)
			.hasMessageStartingWith("gmsa.audit.checkpoint-signing-key-file: ")
			.hasMessageContaining("is inside the database's directory " + this.dir.resolve("data"));
		assertThat(this.dir.resolve("data/checkpoint-signing-key.pem")).doesNotExist();
	}

	@Test
	void aCheckpointDirectoryInTheDatabasesDirectoryIsRefusedNamingTheSetting() {
		AuditSettings settings = new AuditSettings(null, this.dir.resolve("hmac.key"), null,
				this.dir.resolve("keys/k.pem"), this.dir.resolve("db/checkpoints"), Duration.ofMinutes(5),
				this.dir.resolve("db"));
		assertThatThrownBy(() -> this.setup.checkpointDirectory(settings, "jdbc:postgresql://db/gmsa"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageStartingWith("gmsa.audit.checkpoint-directory: ");
	}

	@Test
	void withoutAKeyOnPostgresqlTheStartIsRefusedNamingTheSetting() {
		AuditSettings settings = settings(this.dir.resolve("keys/k.pem"), this.dir.resolve("cp"));
		assertThatThrownBy(() -> this.setup.checkpointSigner(settings, "jdbc:postgresql://db:5432/gmsa"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageStartingWith("gmsa.audit.checkpoint-signing-key: no key is set");
		assertThat(this.dir.resolve("keys/k.pem")).doesNotExist();
	}

	@Test
	void onTheEmbeddedH2AKeyPairIsGeneratedOutsideTheDatabaseOnceAndKept() throws Exception {
		String url = "jdbc:h2:file:" + this.dir.resolve("data/gmsa-portal");
		Path keyFile = this.dir.resolve("audit-keys/checkpoint-signing-key.pem");
		CheckpointSigner first = this.setup.checkpointSigner(settings(keyFile, this.dir.resolve("cp")), url);
		String stored = Files.readString(keyFile);
		assertThat(stored).contains("BEGIN PRIVATE KEY").contains("BEGIN PUBLIC KEY");
		CheckpointSigner again = this.setup.checkpointSigner(settings(keyFile, this.dir.resolve("cp")), url);
		assertThat(again.publicKeyPem()).isEqualTo(first.publicKeyPem());
		assertThat(Files.readString(keyFile)).isEqualTo(stored);
		Checkpoint signed = first.sign(3, "d".repeat(64), Instant.parse("2026-12-07T10:00:00Z"));
		assertThat(CheckpointSigner.verifierFromPem(first.publicKeyPem(), "test").verifies(signed)).isTrue();
		assertThat(Checkpoint.parse(signed.text())).isEqualTo(signed);
	}

	@Test
	void aKeyWhosePublicHalfIsNotItsOwnIsRefused() {
		String mine = CheckpointSigner.generatePem();
		String other = CheckpointSigner.generatePem();
		String mixed = mine.substring(0, mine.indexOf("-----BEGIN PUBLIC")) + other.substring(
				other.indexOf("-----BEGIN PUBLIC"));
		assertThatThrownBy(() -> CheckpointSigner.fromPem(mixed, "gmsa.audit.checkpoint-signing-key"))
			.hasMessage("gmsa.audit.checkpoint-signing-key: the public key is not the private key's");
	}

	@Test
	void theDatabaseDirectoryComesFromAnH2FileUrlOnly() {
		AuditSettings settings = settings(this.dir.resolve("k.pem"), this.dir.resolve("cp"));
		assertThat(CheckpointSetup.databaseDirectory(settings, "jdbc:h2:./data/gmsa-portal"))
			.isEqualTo(Path.of("data").toAbsolutePath());
		assertThat(CheckpointSetup.databaseDirectory(settings, "jdbc:h2:mem:x;DB_CLOSE_DELAY=-1")).isNull();
		assertThat(CheckpointSetup.databaseDirectory(settings, "jdbc:postgresql://db/gmsa")).isNull();
	}

	private AuditSettings settings(Path keyFile, Path checkpoints) {
		return new AuditSettings(null, this.dir.resolve("hmac.key"), null, keyFile, checkpoints,
				Duration.ofMinutes(5), null);
	}

}
