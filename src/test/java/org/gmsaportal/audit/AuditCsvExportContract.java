package org.gmsaportal.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSV export verified offline by scripts/verify-audit-csv.py, a Python script that shares no code with the
 * portal: a trail with nulls and empty strings, unicode, commas, quotes, line breaks and cells a spreadsheet would
 * run as formulas, exported, found valid, then found invalid after one cell is changed or one event is cut out; a
 * filtered export is valid only when declared as one ({@code --filtered}). Run against each database.
 */
@SpringBootTest
abstract class AuditCsvExportContract {

	private static final Path VERIFIER = Path.of("scripts/verify-audit-csv.py");

	@Autowired
	AuditTrail trail;

	@Autowired
	AuditLog log;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path dir;

	/** The database's append-only triggers, switched off as a DBA could to start each test from an empty trail. */
	abstract AppendOnlyTriggers triggers();

	@BeforeEach
	void emptyTrail() {
		triggers().bypassedFor(this.jdbc, () -> {
			this.jdbc.sql("DELETE FROM audit_event").update();
			this.jdbc.sql("UPDATE audit_chain_head SET seq = 0, hash = ?, mac = '' WHERE id = 1")
				.param(AuditRow.GENESIS).update();
		});
	}

	@Test
	void theExportOfAnAwkwardTrailIsValidForTheIndependentVerifierAndSafeInSpreadsheets() throws Exception {
		recordAwkwardTrail();
		String csv = export();

		Verdict verdict = verify(csv);
		assertThat(verdict.exit()).as(verdict.output()).isZero();
		// 4 events and the export's own record of itself
		assertThat(verdict.output()).startsWith("VALID: 5 events, last seq 5 hash ");
		assertThat(csv).contains(",'=cmd|' /C calc'!A0,").contains(",'+1+2,").contains(",'-3,").contains(",'@SUM(A1)")
			.contains(",'\tTAB,").contains(",\"'\rCR then text\",").contains(",''already escaped,")
			.contains("\"CN=Ünïcødé 😀,OU=\"\"quoted\"\"\nnext line\"");
		assertThat(csv.lines().skip(1)).noneMatch(line -> line.matches("(^|.*,)[=+\\-@\t\r].*"));
	}

	@Test
	void oneChangedCellOrANullTurnedEmptyIsFoundByTheIndependentVerifier() throws Exception {
		recordAwkwardTrail();
		String csv = export();

		Verdict changed = verify(csv.replace("CN=Ünïcødé 😀", "CN=Unicode 😀"));
		assertThat(changed.exit()).as(changed.output()).isEqualTo(1);
		assertThat(changed.output()).startsWith("INVALID").contains("event 3: its hash does not match its fields");

		// Event 2's correlation id is an empty string, stored as such: as a null it hashes differently.
		assertThat(csv).contains(",\"'\rCR then text\",SUCCESS,{},\"\",,");
		Verdict nulled = verify(csv.replace(",\"'\rCR then text\",SUCCESS,{},\"\",,",
				",\"'\rCR then text\",SUCCESS,{},,,"));
		assertThat(nulled.exit()).as(nulled.output()).isEqualTo(1);
		assertThat(nulled.output()).contains("event 2: its hash does not match its fields");
	}

	@Test
	void anEventCutFromTheExportIsFoundUnlessTheExportIsDeclaredFiltered() throws Exception {
		recordAwkwardTrail();
		String cut = export().replaceFirst("(?m)^4,[^\r\n]*\r\n", "");
		assertThat(cut).doesNotContain("test.apostrophe");

		Verdict whole = verify(cut);
		assertThat(whole.exit()).as(whole.output()).isEqualTo(1);
		assertThat(whole.output()).startsWith("INVALID")
			.contains("event 4 is missing: a gap in the sequence after event 3");

		Verdict filtered = verify(cut, "--filtered");
		assertThat(filtered.exit()).as(filtered.output()).isZero();
		assertThat(filtered.output()).startsWith("VALID: 4 events, last seq 5 hash ").contains("1 gap(s)");
	}

	@Test
	void aFilteredExportIsValidOnlyDeclaredAsOne() throws Exception {
		recordAwkwardTrail();
		String unicode = export(new AuditQuery(null, null, null, "test.unicode", null, null, null));

		Verdict whole = verify(unicode);
		assertThat(whole.exit()).as(whole.output()).isEqualTo(1);
		assertThat(whole.output()).contains("events 1 to 2 are missing: the export does not start at the first event");

		Verdict filtered = verify(unicode, "--filtered");
		assertThat(filtered.exit()).as(filtered.output()).isZero();
		assertThat(filtered.output()).startsWith("VALID: 1 events, last seq 3 hash ").contains("1 gap(s)");
	}

	private void recordAwkwardTrail() {
		this.trail.record(new AuditEvent("test.formula", "+1+2", AuditOutcome.SUCCESS, Map.of("note", "=1+1"),
				new Actor("=cmd|' /C calc'!A0", ActorKind.PERSON, List.of("ADMIN"), null), "-3", "@SUM(A1)"));
		this.trail.record(new AuditEvent("test.empty", "\rCR then text", AuditOutcome.SUCCESS, Map.of(),
				new Actor("\tTAB", ActorKind.API_CLIENT, List.of(), ""), "", null));
		this.trail.record(new AuditEvent("test.unicode", "CN=Ünïcødé 😀,OU=\"quoted\"\nnext line",
				AuditOutcome.DENIED, Map.of("name", "Zoë, \"the\" admin\r\n😀", "interval", 30), Actor.system(), null, ""));
		this.trail.record(new AuditEvent("test.apostrophe", "", AuditOutcome.FAILURE, Map.of(),
				new Actor("'already escaped", ActorKind.PERSON, List.of("AUDITOR", "ADMIN"), "127.0.0.1"), null, null));
	}

	private String export() throws IOException {
		return export(AuditQuery.all());
	}

	private String export(AuditQuery query) throws IOException {
		Path file = Files.createTempFile(this.dir, "audit-trail", ".csv");
		try (OutputStream out = Files.newOutputStream(file)) {
			this.log.export(query, AuditLog.Export.Format.CSV).writeTo(out);
		}
		return Files.readString(file, StandardCharsets.UTF_8);
	}

	private Verdict verify(String csv, String... options) throws IOException, InterruptedException {
		Path file = Files.createTempFile(this.dir, "verify", ".csv");
		Files.writeString(file, csv, StandardCharsets.UTF_8);
		List<String> command = new ArrayList<>(List.of("python3", VERIFIER.toString()));
		command.addAll(List.of(options));
		command.add(file.toString());
		Process python = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(python.waitFor(60, TimeUnit.SECONDS)).as("the verifier ended").isTrue();
		return new Verdict(python.exitValue(), output);
	}

	private record Verdict(int exit, String output) {
	}

}
