package org.gmsaportal.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tampering an insider with the database (and everything in its directory, the HMAC key included) can do,
 * against checkpoints published outside it: each is named, with its first missing or bad event and the checkpoint
 * used, by the portal's verification and by the offline verifier reading a JSON export. Run on each database by
 * the subclasses of this contract.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class AuditCheckpointTampering extends AuditTrailContract {

	/** The test key pair's public half (src/test/resources/config/application.properties). */
	static final String PUBLIC_KEY = "-----BEGIN PUBLIC KEY-----\n"
			+ "MCowBQYDK2VwAyEAGyHfZ9cUg8bEamngNEiTntFuJEpwvPGmsYV8YGHgqF4=\n-----END PUBLIC KEY-----\n";

	@TempDir
	Path work;

	@Test
	void truncatingTheTrailAndResettingTheHeadToGenesisIsNamedAgainstTheCheckpoint() throws IOException {
		recordEvents(5);
		CheckpointRef checkpoint = this.checkpoints.publish(true);
		asAttacker(() -> {
			this.jdbc.sql("TRUNCATE TABLE audit_event").update();
			this.jdbc.sql("UPDATE audit_chain_head SET seq = 0, hash = ?, mac = '' WHERE id = 1")
				.param(AuditRow.GENESIS).update();
		});
		assertNamed(1, "Events 1 to 5 are missing: checkpoint 5 of ", checkpoint);
	}

	@Test
	void deletingTheNewestEventsAndReSigningTheHeadIsNamedAgainstTheCheckpoint() throws IOException {
		recordEvents(5);
		CheckpointRef checkpoint = this.checkpoints.publish(true);
		AuditRow third = rows().get(2);
		asAttacker(() -> {
			this.jdbc.sql("DELETE FROM audit_event WHERE seq > 3").update();
			this.jdbc.sql("UPDATE audit_chain_head SET seq = 3, hash = ?, mac = ? WHERE id = 1")
				.params(third.hash(), this.hasher.checkpointMac(3, third.hash())).update();
		});
		assertNamed(4, "Events 4 to 5 are missing: checkpoint 5 of ", checkpoint);
	}

	@Test
	void anOldCheckpointCopiedUnderANewerNameDoesNotHideTheNewestFromATruncatedTrail() throws IOException {
		recordEvents(3);
		CheckpointRef old = this.checkpoints.publish(true);
		recordEvents(2);
		CheckpointRef newest = this.checkpoints.publish(true);
		AuditRow third = rows().get(2);
		asAttacker(() -> {
			this.jdbc.sql("DELETE FROM audit_event WHERE seq > 3").update();
			this.jdbc.sql("UPDATE audit_chain_head SET seq = 3, hash = ?, mac = ? WHERE id = 1")
				.params(third.hash(), this.hasher.checkpointMac(3, third.hash())).update();
		});
		// The directory only lets files be created: the attacker adds the old checkpoint under a name sorting last.
		Path planted = this.checkpoints.directory().resolve("checkpoint-00000000000000000099-20991231T000000000Z.txt");
		Files.writeString(planted, Files.readString(Path.of(old.file())));
		assertNamed(4, "Events 4 to 5 are missing: checkpoint 5 of ", newest);
	}

	@Test
	void forgedEventsAppendedWithAReSignedHeadAreNamedAgainstTheCheckpoint() throws IOException {
		recordEvents(5);
		CheckpointRef checkpoint = this.checkpoints.publish(true);
		AuditRow fourth = rows().get(3);
		AuditRow forged = new AuditRow(5, fourth.occurredAt(), "intruder", "PERSON", "", null, "auth.login", "x",
				"SUCCESS", "{}", null, null, fourth.hash(), "");
		String forgedHash = ChainHasher.hash(forged);
		AuditRow next = new AuditRow(6, fourth.occurredAt(), "intruder", "PERSON", "", null, "auth.logout", "x",
				"SUCCESS", "{}", null, null, forgedHash, "");
		String nextHash = ChainHasher.hash(next);
		asAttacker(() -> {
			this.jdbc.sql("DELETE FROM audit_event WHERE seq = 5").update();
			insert(forged, forgedHash);
			insert(next, nextHash);
			this.jdbc.sql("UPDATE audit_chain_head SET seq = 6, hash = ?, mac = ? WHERE id = 1")
				.params(nextHash, this.hasher.checkpointMac(6, nextHash)).update();
		});
		assertNamed(5, "Event 5 does not match checkpoint 5 of ", checkpoint);
		assertThatThrownBy(() -> this.checkpoints.publish(true)).isInstanceOf(CheckpointRefusedException.class)
			.hasMessageContaining("no longer extends checkpoint 5");
	}

	@Test
	void anIntactTrailNamesTheCheckpointAndTheEventsNewerThanIt() throws IOException {
		recordEvents(3);
		CheckpointRef checkpoint = this.checkpoints.publish(true);
		recordEvents(2);
		ChainVerification result = this.log.verify();
		assertThat(result.intact()).as(result.problem()).isTrue();
		assertThat(result.checkpoint()).isEqualTo(checkpoint);
		assertThat(result.problem()).contains("vouches for events 1 to 3").contains("Events 4 to 5 are newer");
		ByteArrayOutputStream export = new ByteArrayOutputStream();
		this.log.export(AuditQuery.all(), AuditLog.Export.Format.JSON).writeTo(export);
		Path file = this.work.resolve("audited-export.json");
		Files.write(file, export.toByteArray());
		Verdict offline = offline(file);
		assertThat(offline.status()).as(offline.output()).isZero();
		assertThat(offline.output()).startsWith("VALID: 7 events, last seq 7")
			.contains("checkpoint used: seq 3, time " + checkpoint.time() + ", file " + checkpoint.file());
	}

	@Test
	void aCheckpointIsPublishedOnlyWhenTheHeadMovedUnlessAsked() throws IOException {
		recordEvents(2);
		CheckpointRef first = this.checkpoints.publish(false);
		assertThat(this.checkpoints.publish(false)).isEqualTo(first);
		assertThat(Files.readString(Path.of(first.file()))).startsWith("gmsa-portal audit checkpoint v1\nseq: 2\n");
		assertThatThrownBy(() -> Files.writeString(Path.of(first.file()), "x",
				java.nio.file.StandardOpenOption.CREATE_NEW)).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
		CheckpointRef asked = this.checkpoints.publishNow();
		assertThat(asked.seq()).isEqualTo(2);
		assertThat(asked.file()).isNotEqualTo(first.file());
		AuditRow recorded = rows().get(rows().size() - 1);
		assertThat(recorded.action()).isEqualTo("audit.checkpoint.publish");
		assertThat(recorded.details()).contains("\"seq\":2");
	}

	@Test
	void aHeadMovedBackBehindTheCheckpointIsNamedEvenWithTheEventsLeftInPlace() throws IOException {
		recordEvents(5);
		CheckpointRef checkpoint = this.checkpoints.publish(true);
		AuditRow third = rows().get(2);
		asAttacker(() -> this.jdbc.sql("UPDATE audit_chain_head SET seq = 3, hash = ?, mac = ? WHERE id = 1")
			.params(third.hash(), this.hasher.checkpointMac(3, third.hash())).update());
		ChainVerification result = this.log.verify();
		assertThat(result.intact()).isFalse();
		assertThat(result.firstBadSeq()).isEqualTo(4L);
		assertThat(result.problem()).contains("names event 3, behind " + checkpoint.describe());
	}

	@Test
	void theIntervalPublishesToTheLogAndTheDirectoryOnlyATrailThatExtendsTheLastCheckpoint(CapturedOutput output)
			throws IOException {
		recordEvents(2);
		this.checkpoints.publishOnSchedule();
		assertThat(files()).hasSize(1);
		assertThat(output.getOut()).contains("audit checkpoint file=" + this.checkpoints.directory())
			.contains("gmsa-portal audit checkpoint v1 | seq: 2 | hash: " + rows().get(1).hash())
			.contains(" | signature: ");
		this.checkpoints.publishOnSchedule();
		assertThat(files()).as("the head has not moved").hasSize(1);
		AuditRow first = rows().get(0);
		AuditRow forged = new AuditRow(2, first.occurredAt(), "intruder", "PERSON", "", null, "auth.login", "x",
				"SUCCESS", "{}", null, null, first.hash(), "");
		String forgedHash = ChainHasher.hash(forged);
		asAttacker(() -> {
			this.jdbc.sql("DELETE FROM audit_event WHERE seq = 2").update();
			insert(forged, forgedHash);
			this.jdbc.sql("UPDATE audit_chain_head SET seq = 2, hash = ?, mac = ? WHERE id = 1")
				.params(forgedHash, this.hasher.checkpointMac(2, forgedHash)).update();
		});
		recordEvents(1);
		this.checkpoints.publishOnSchedule();
		assertThat(files()).as("a rewritten trail is not vouched for").hasSize(1);
		assertThat(output.getOut()).contains("No audit checkpoint was published: The trail no longer extends "
				+ "checkpoint 2");
	}

	private List<Path> files() throws IOException {
		try (Stream<Path> files = Files.list(this.checkpoints.directory())) {
			return files.toList();
		}
	}

	/** The portal's verification and the offline verifier both name the first bad event and the checkpoint. */
	private void assertNamed(long firstBad, String problem, CheckpointRef checkpoint) throws IOException {
		Path export = exportAsIs();
		ChainVerification result = this.log.verify();
		assertThat(result.intact()).isFalse();
		assertThat(result.firstBadSeq()).isEqualTo(firstBad);
		assertThat(result.problem()).contains(problem).contains(checkpoint.file());
		assertThat(result.checkpoint()).isEqualTo(checkpoint);
		assertThat(rows().get(rows().size() - 1).details()).contains(checkpoint.describe().replace("\\", "\\\\"));
		Verdict offline = offline(export);
		assertThat(offline.status()).as(offline.output()).isEqualTo(1);
		assertThat(offline.output()).startsWith("INVALID: first bad seq " + firstBad + ": ").contains(problem)
			.contains("checkpoint used: seq " + checkpoint.seq() + ", time " + checkpoint.time() + ", file "
					+ checkpoint.file());
	}

	/** The JSON export of the table as the attacker left it (the portal's export would append its own event). */
	private Path exportAsIs() throws IOException {
		StringWriter json = new StringWriter().append("[\n");
		List<AuditRow> rows = rows();
		for (int i = 0; i < rows.size(); i++) {
			ExportWriters.jsonRow(json, rows.get(i), i == 0);
		}
		Path file = this.work.resolve("export.json");
		Files.writeString(file, json.append("\n]\n").toString());
		return file;
	}

	private Verdict offline(Path export) throws IOException {
		Path key = this.work.resolve("checkpoint-key.pem");
		Files.writeString(key, PUBLIC_KEY);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int status = OfflineVerifier.verify(new String[] { export.toString(),
				this.checkpoints.directory().toString(), key.toString() },
				new PrintStream(out, true, StandardCharsets.UTF_8));
		return new Verdict(status, out.toString(StandardCharsets.UTF_8));
	}

	/** Removes the checkpoints of earlier tests, which describe a trail the tests have since emptied. */
	static void clear(Path directory) {
		if (!Files.isDirectory(directory)) {
			return;
		}
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Verdict(int status, String output) {
	}

}
