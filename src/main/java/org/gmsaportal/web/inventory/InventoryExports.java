package org.gmsaportal.web.inventory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.validation.Valid;
import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.directory.ListedPrincipal;
import org.gmsaportal.inventory.Drift;
import org.gmsaportal.inventory.Finding;
import org.gmsaportal.inventory.FindingQuery;
import org.gmsaportal.inventory.GmsaQuery;
import org.gmsaportal.inventory.InventoryGmsa;
import org.gmsaportal.inventory.KeptSnapshot;
import org.gmsaportal.inventory.SnapshotHeader;
import org.gmsaportal.provisioning.InventoryEntry;
import org.gmsaportal.provisioning.RunOverview;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The inventory's gMSAs (with the page's filter) and its findings as CSV or JSON, streamed row by row, each export
 * recorded in the audit trail like the audit trail's own.
 */
@Controller
class InventoryExports {

	static final List<String> GMSA_COLUMNS = List.of("snapshot", "takenAt", "connection", "domain", "name", "ou",
			"distinguishedName", "objectGuid", "spns", "encryptionTypes", "passwordIntervalDays", "passwordLastSet",
			"whenCreated", "whenChanged", "description", "allowed", "retrievers", "drift", "findings", "portalRun",
			"incomplete");

	static final List<String> FINDING_COLUMNS = List.of("snapshot", "takenAt", "severity", "code", "subject", "reason",
			"fix", "firstSeen");

	private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

	private final SnapshotPicker snapshots;

	private final RunOverview runs;

	private final AuditTrail audit;

	private final JsonMapper json;

	private final MessageSource messages;

	InventoryExports(SnapshotPicker snapshots, RunOverview runs, AuditTrail audit, JsonMapper json,
			MessageSource messages) {
		this.snapshots = snapshots;
		this.runs = runs;
		this.audit = audit;
		this.json = json;
		this.messages = messages;
	}

	@GetMapping("/inventory/gmsas.csv")
	ResponseEntity<StreamingResponseBody> gmsasCsv(@Valid InventoryFilter filter, BindingResult errors) {
		return gmsas(filter, errors, true);
	}

	@GetMapping("/inventory/gmsas.json")
	ResponseEntity<StreamingResponseBody> gmsasJson(@Valid InventoryFilter filter, BindingResult errors) {
		return gmsas(filter, errors, false);
	}

	@GetMapping("/inventory/findings.csv")
	ResponseEntity<StreamingResponseBody> findingsCsv(@Valid InventoryFilter filter, BindingResult errors) {
		return findings(filter, errors, true);
	}

	@GetMapping("/inventory/findings.json")
	ResponseEntity<StreamingResponseBody> findingsJson(@Valid InventoryFilter filter, BindingResult errors) {
		return findings(filter, errors, false);
	}

	/** The rows are read while they are written, a batch at a time in SQL: the export never holds the snapshot. */
	private ResponseEntity<StreamingResponseBody> gmsas(InventoryFilter filter, BindingResult errors, boolean csv) {
		if (errors.hasErrors()) {
			return badFilter(errors);
		}
		KeptSnapshot snapshot = snapshot(filter);
		if (snapshot == null) {
			return noSnapshot();
		}
		SnapshotHeader header = snapshot.header();
		GmsaQuery query = filter.toQuery();
		record("gmsas", csv, header, snapshot.gmsaCount(query));
		List<InventoryEntry> records = this.runs.inventory();
		return download("inventory-gmsas", csv, GMSA_COLUMNS,
				(row) -> snapshot.eachGmsa(records, query, (g) -> row.accept(gmsa(header, g))));
	}

	private ResponseEntity<StreamingResponseBody> findings(InventoryFilter filter, BindingResult errors, boolean csv) {
		if (errors.hasErrors()) {
			return badFilter(errors);
		}
		KeptSnapshot snapshot = snapshot(filter);
		if (snapshot == null) {
			return noSnapshot();
		}
		SnapshotHeader header = snapshot.header();
		FindingQuery query = new FindingQuery(filter.getFinding(), filter.getName());
		record("findings", csv, header, snapshot.findingCount(query));
		return download("inventory-findings", csv, FINDING_COLUMNS,
				(row) -> snapshot.eachFinding(query, (f) -> row.accept(finding(header, f))));
	}

	private @Nullable KeptSnapshot snapshot(InventoryFilter filter) {
		return this.snapshots.pick(filter.getAsOf()).orElse(null);
	}

	private void record(String what, boolean csv, SnapshotHeader snapshot, int rows) {
		this.audit.record(AuditEvent.of("inventory.export", "inventory_snapshot/" + snapshot.id(), AuditOutcome.SUCCESS)
			.withDetails(Map.of("export", what, "format", csv ? "CSV" : "JSON", "rows", rows)));
	}

	private static Map<String, @Nullable Object> gmsa(SnapshotHeader snapshot, InventoryGmsa g) {
		Map<String, @Nullable Object> row = new LinkedHashMap<>();
		row.put("snapshot", snapshot.id());
		row.put("takenAt", snapshot.takenAt().toString());
		row.put("connection", g.connection());
		row.put("domain", g.domain());
		row.put("name", g.name());
		row.put("ou", g.ou());
		row.put("distinguishedName", g.gmsa().distinguishedName());
		row.put("objectGuid", g.gmsa().objectGuid());
		row.put("spns", g.gmsa().spns());
		row.put("encryptionTypes", g.gmsa().encryptionTypes().stream().map(Enum::name).sorted().toList());
		row.put("passwordIntervalDays", g.gmsa().passwordIntervalDays());
		row.put("passwordLastSet", text(g.gmsa().passwordLastSet()));
		row.put("whenCreated", g.gmsa().whenCreated().toString());
		row.put("whenChanged", g.gmsa().whenChanged().toString());
		row.put("description", g.gmsa().description());
		row.put("allowed", g.gmsa().allowed().stream().map(InventoryExports::principal).toList());
		row.put("retrievers", g.gmsa().retrievers().stream().map(InventoryExports::principal).toList());
		row.put("drift", g.drift().stream().map(Drift::kind).map(Enum::name).toList());
		row.put("findings", g.findings().stream().map(f -> f.severity() + " " + f.code()).toList());
		row.put("portalRun", g.portalRun());
		row.put("incomplete", g.gmsa().incomplete());
		return row;
	}

	private static Map<String, @Nullable Object> finding(SnapshotHeader snapshot, Finding f) {
		Map<String, @Nullable Object> row = new LinkedHashMap<>();
		row.put("snapshot", snapshot.id());
		row.put("takenAt", snapshot.takenAt().toString());
		row.put("severity", f.severity().name());
		row.put("code", f.code());
		row.put("subject", f.subject());
		row.put("reason", f.reason());
		row.put("fix", f.fix());
		row.put("firstSeen", text(f.firstSeen()));
		return row;
	}

	private static String principal(ListedPrincipal p) {
		return (p.name() != null) ? p.name() : p.sid();
	}

	private static @Nullable String text(@Nullable Object value) {
		return (value != null) ? value.toString() : null;
	}

	/** Where an export's rows come from: it hands each row, in order, to the consumer it is given. */
	@FunctionalInterface
	private interface RowSource {

		void each(Consumer<Map<String, @Nullable Object>> row);

	}

	/**
	 * Rows one at a time as the source reads them: a list cell in CSV is its items joined by {@code ;}, in JSON an
	 * array. A writer's failure (the client went away) ends the source's reading and is rethrown as it was.
	 */
	private ResponseEntity<StreamingResponseBody> download(String name, boolean csv, List<String> columns,
			RowSource rows) {
		StreamingResponseBody body = out -> {
			Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
			boolean[] first = { true };
			if (csv) {
				CsvCells.row(writer, columns);
			}
			else {
				writer.write("[");
			}
			try {
				rows.each((row) -> write(writer, csv, columns, row, first));
			}
			catch (UncheckedIOException ex) {
				throw ex.getCause();
			}
			if (!csv) {
				writer.write("\n]\n");
			}
			writer.flush();
		};
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + (csv ? ".csv" : ".json") + "\"")
			.contentType(csv ? CSV : MediaType.APPLICATION_JSON)
			.body(body);
	}

	private void write(Writer writer, boolean csv, List<String> columns, Map<String, @Nullable Object> row,
			boolean[] first) {
		try {
			if (csv) {
				List<@Nullable Object> cells = new ArrayList<>();
				columns.forEach(c -> cells.add(joined(row.get(c))));
				CsvCells.row(writer, cells);
			}
			else {
				writer.write(first[0] ? "\n" : ",\n");
				writer.write(this.json.writeValueAsString(row));
			}
			first[0] = false;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static @Nullable Object joined(@Nullable Object value) {
		return (value instanceof List<?> list) ? String.join(";", list.stream().map(String::valueOf).toList()) : value;
	}

	private ResponseEntity<StreamingResponseBody> badFilter(BindingResult errors) {
		StringBuilder text = new StringBuilder("The export filter was not applied:\n");
		for (FieldError error : errors.getFieldErrors()) {
			text.append(error.getField()).append(": ")
				.append(this.messages.getMessage(error, LocaleContextHolder.getLocale())).append('\n');
		}
		return plain(HttpStatus.BAD_REQUEST, text.toString());
	}

	private ResponseEntity<StreamingResponseBody> noSnapshot() {
		return plain(HttpStatus.NOT_FOUND, this.messages.getMessage("inventory.none", null,
				LocaleContextHolder.getLocale()) + "\n");
	}

	private static ResponseEntity<StreamingResponseBody> plain(HttpStatus status, String text) {
		byte[] body = text.getBytes(StandardCharsets.UTF_8);
		return ResponseEntity.status(status).contentType(MediaType.parseMediaType("text/plain;charset=UTF-8"))
			.body(out -> out.write(body));
	}

}
