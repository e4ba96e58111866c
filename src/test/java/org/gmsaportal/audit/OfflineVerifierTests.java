package org.gmsaportal.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline verifier's verdicts that need no database: a consistent chain with no checkpoint to anchor it is not
 * "valid" (exit 3), because anyone who can write the database can rebuild a whole chain. The anchored verdicts, and
 * tampering against a checkpoint, are shown with a real trail in {@link AuditCheckpointTampering}.
 */
class OfflineVerifierTests {

	@TempDir
	Path work;

	@Test
	void aConsistentChainWithoutAnyCheckpointExitsThreeAndSaysNothingOutsideTheDatabaseVouchesForIt()
			throws IOException {
		Path export = export(chain(3));
		Path checkpoints = Files.createDirectory(this.work.resolve("checkpoints"));

		Verdict verdict = verify(export, checkpoints);

		assertThat(verdict.status()).as(verdict.output()).isEqualTo(3);
		assertThat(verdict.output()).startsWith("UNANCHORED: 3 events, last seq 3")
			.contains("nothing outside the database vouches for them")
			.contains("checkpoint used: none")
			.doesNotContain("VALID:");
	}

	@Test
	void aBrokenChainIsInvalidWhetherOrNotACheckpointAnchorsIt() throws IOException {
		AuditRow[] rows = chain(3);
		AuditRow second = rows[1];
		rows[1] = new AuditRow(2, second.occurredAt(), "mallory", second.actorKind(), second.actorRoles(), null,
				second.action(), second.target(), second.outcome(), second.details(), null, null, second.prevHash(),
				second.hash());

		Verdict verdict = verify(export(rows), Files.createDirectory(this.work.resolve("checkpoints")));

		assertThat(verdict.status()).as(verdict.output()).isEqualTo(1);
		assertThat(verdict.output()).startsWith("INVALID: first bad seq 2");
	}

	/** Events 1 to n, each hashed and linked as the portal chains them. */
	private static AuditRow[] chain(int n) {
		AuditRow[] rows = new AuditRow[n];
		String previous = AuditRow.GENESIS;
		for (int i = 0; i < n; i++) {
			rows[i] = event(i + 1, previous, ChainHasher.hash(event(i + 1, previous, "")));
			previous = rows[i].hash();
		}
		return rows;
	}

	private static AuditRow event(long seq, String prevHash, String hash) {
		return new AuditRow(seq, Instant.parse("2026-12-07T10:00:00Z").plusSeconds(seq), "alice", "USER", "ADMIN",
				null, "gmsa.create", "CN=web" + seq, "SUCCESS", "{}", null, null, prevHash, hash);
	}

	private Path export(AuditRow[] rows) throws IOException {
		StringWriter json = new StringWriter().append("[\n");
		for (int i = 0; i < rows.length; i++) {
			ExportWriters.jsonRow(json, rows[i], i == 0);
		}
		return Files.writeString(this.work.resolve("export.json"), json.append("\n]\n").toString());
	}

	private Verdict verify(Path export, Path checkpoints) throws IOException {
		Path key = Files.writeString(this.work.resolve("key.pem"), AuditCheckpointTampering.PUBLIC_KEY);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int status = OfflineVerifier.verify(
				new String[] { export.toString(), checkpoints.toString(), key.toString() },
				new PrintStream(out, true, StandardCharsets.UTF_8));
		return new Verdict(status, out.toString(StandardCharsets.UTF_8));
	}

	private record Verdict(int status, String output) {
	}

}
