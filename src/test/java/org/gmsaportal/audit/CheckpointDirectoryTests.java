package org.gmsaportal.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which checkpoint the directory offers as the newest: the highest signed sequence among the files named for what
 * they hold. Someone who may only create files there (the directory is meant to be create-only storage) cannot hide
 * the newest checkpoint behind an old one under a newer name. {@link AuditCheckpointTampering} shows the same
 * against a truncated trail, through the portal's verification and the offline verifier.
 */
class CheckpointDirectoryTests {

	private static final Instant T = Instant.parse("2026-12-07T10:00:00.123Z");

	private final CheckpointSigner key = CheckpointSigner.fromPem(CheckpointSigner.generatePem(), "test key");

	@TempDir
	Path dir;

	@Test
	void anOldCheckpointCopiedUnderANewerNameIsPassedOverForTheNewestByItsSignedSequence() throws IOException {
		CheckpointDirectory directory = new CheckpointDirectory(this.dir);
		Checkpoint old = sign(3, T);
		directory.write(old);
		Checkpoint newest = sign(5, T.plusSeconds(300));
		Path newestFile = directory.write(newest);
		Files.writeString(this.dir.resolve("checkpoint-00000000000000000099-20991231T000000000Z.txt"), old.text());

		CheckpointDirectory.Latest latest = directory.latest(this.key);

		assertThat(latest.found()).isEqualTo(new CheckpointDirectory.Found(newest, newestFile));
		assertThat(latest.ignored()).as("the planted copy").isEqualTo(1);
	}

	@Test
	void aCheckpointUnderANameOfAnotherSequenceOrTimeIsNotTakenForOne() throws IOException {
		Checkpoint only = sign(7, T);
		Files.writeString(this.dir.resolve("checkpoint-00000000000000000008-20261207T100000123Z.txt"), only.text());
		Files.writeString(this.dir.resolve("checkpoint-00000000000000000007-20261207T100000124Z.txt"), only.text());
		Files.writeString(this.dir.resolve("checkpoint-00000000000000000007-20261207T100000123Z-x.txt"), only.text());

		CheckpointDirectory.Latest latest = new CheckpointDirectory(this.dir).latest(this.key);

		assertThat(latest.found()).isNull();
		assertThat(latest.ignored()).isEqualTo(3);
	}

	@Test
	void theNewestIsTheHighestSequenceThenTheLatestTimeOfTheFilesThePortalWrote() throws IOException {
		CheckpointDirectory directory = new CheckpointDirectory(this.dir);
		directory.write(sign(9, T));
		directory.write(sign(100, T.plusSeconds(1)));
		Checkpoint again = sign(100, T.plusSeconds(2));
		Path first = directory.write(again);
		Path second = directory.write(again);
		directory.write(sign(10, T.plusSeconds(3)));

		CheckpointDirectory.Latest latest = directory.latest(this.key);

		assertThat(second.getFileName().toString()).endsWith("-1.txt");
		assertThat(latest.found()).isEqualTo(new CheckpointDirectory.Found(again, first));
		assertThat(latest.ignored()).isZero();
	}

	@Test
	void aFileTheKeyDidNotSignIsPassedOverThoughItIsNamedForItsContent() throws IOException {
		CheckpointDirectory directory = new CheckpointDirectory(this.dir);
		Checkpoint signed = sign(4, T);
		Path file = directory.write(signed);
		CheckpointSigner other = CheckpointSigner.fromPem(CheckpointSigner.generatePem(), "other key");
		directory.write(other.sign(6, "e".repeat(64), T));

		CheckpointDirectory.Latest latest = directory.latest(this.key);

		assertThat(latest.found()).isEqualTo(new CheckpointDirectory.Found(signed, file));
		assertThat(latest.ignored()).isEqualTo(1);
	}

	private Checkpoint sign(long seq, Instant time) {
		return this.key.sign(seq, Long.toHexString(seq).repeat(64).substring(0, 64), time);
	}

}
