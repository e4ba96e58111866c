package org.gmsaportal.web.inventory;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.directory.ListedPrincipal;
import org.gmsaportal.inventory.Drift;
import org.gmsaportal.inventory.Finding;
import org.gmsaportal.inventory.InventoryGmsa;
import org.gmsaportal.inventory.InventorySnapshot;
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

	private ResponseEntity<StreamingResponseBody> gmsas(InventoryFilter filter, BindingResult errors, boolean csv) {
		if (errors.hasErrors()) {
			return badFilter(errors);
		}
		InventorySnapshot snapshot = snapshot(filter);
		if (snapshot == null) {
			return noSnapshot();
		}
		List<InventoryGmsa> rows = filter.toQuery().apply(InventoryGmsa.of(snapshot, this.runs.inventory()));
		record("gmsas", csv, snapshot, rows.size());
		List<Map<String, @Nullable Object>> objects = rows.stream().map(g -> gmsa(snapshot, g)).toList();
		return download("inventory-gmsas", csv, GMSA_COLUMNS, objects);
	}

	private ResponseEntity<StreamingResponseBody> findings(InventoryFilter filter, BindingResult errors, boolean csv) {
		if (errors.hasErrors()) {
			return badFilter(errors);
		}
		InventorySnapshot snapshot = snapshot(filter);
		if (snapshot == null) {
			return noSnapshot();
		}
		List<Finding> rows = snapshot.findings().stream()
			.filter(f -> filter.getFinding() == null || f.severity() == filter.getFinding())
			.filter(f -> Rows.contains(filter.getName(), f.subject(), f.code()))
			.sorted((a, b) -> a.severity().compareTo(b.severity()))
			.toList();
		record("findings", csv, snapshot, rows.size());
		List<Map<String, @Nullable Object>> objects = rows.stream().map(f -> finding(snapshot, f)).toList();
		return download("inventory-findings", csv, FINDING_COLUMNS, objects);
	}

	private @Nullable InventorySnapshot snapshot(InventoryFilter filter) {
		return this.snapshots.pick(filter.getAsOf()).orElse(null);
	}

	private void record(String what, boolean csv, InventorySnapshot snapshot, int rows) {
		this.audit.record(AuditEvent.of("inventory.export", "inventory_snapshot/" + snapshot.id(), AuditOutcome.SUCCESS)
			.withDetails(Map.of("export", what, "format", csv ? "CSV" : "JSON", "rows", rows)));
	}

	private static Map<String, @Nullable Object> gmsa(InventorySnapshot snapshot, InventoryGmsa g) {
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

	private static Map<String, @Nullable Object> finding(InventorySnapshot snapshot, Finding f) {
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

	/** Rows one at a time: a list cell in CSV is its items joined by {@code ;}, in JSON an array. */
	private ResponseEntity<StreamingResponseBody> download(String name, boolean csv, List<String> columns,
			List<Map<String, @Nullable Object>> rows) {
		StreamingResponseBody body = out -> {
			Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
			if (csv) {
				CsvCells.row(writer, columns);
				for (Map<String, @Nullable Object> row : rows) {
					List<@Nullable Object> cells = new ArrayList<>();
					columns.forEach(c -> cells.add(joined(row.get(c))));
					CsvCells.row(writer, cells);
				}
			}
			else {
				writer.write("[");
				for (int i = 0; i < rows.size(); i++) {
					writer.write(i == 0 ? "\n" : ",\n");
					writer.write(this.json.writeValueAsString(rows.get(i)));
				}
				writer.write("\n]\n");
			}
			writer.flush();
		};
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + (csv ? ".csv" : ".json") + "\"")
			.contentType(csv ? CSV : MediaType.APPLICATION_JSON)
			.body(body);
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
