package org.gmsaportal.api.v1;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.gmsaportal.inventory.FindingQuery;
import org.gmsaportal.inventory.GmsaQuery;
import org.gmsaportal.inventory.Inventory;
import org.gmsaportal.inventory.InventoryGmsa;
import org.gmsaportal.inventory.KeptSnapshot;
import org.gmsaportal.inventory.Severity;
import org.gmsaportal.inventory.SnapshotHeader;
import org.gmsaportal.provisioning.RunOverview;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The live inventory for integrators (scope {@code inventory:read}): the gMSAs of the newest snapshot, a page at a
 * time, filterable; one gMSA with who can retrieve its password; the findings. The parameters are read as text so
 * that each bad one is answered with its own name and rule.
 */
@RestController
class InventoryApiController {

	static final int MAX_LIMIT = 500;

	private final Inventory inventory;

	private final RunOverview runs;

	InventoryApiController(Inventory inventory, RunOverview runs) {
		this.inventory = inventory;
		this.runs = runs;
	}

	/** gMSAs by connection and name; a cursor keeps reading the snapshot the first page came from. */
	@GetMapping(path = "/api/v1/inventory/gmsas", produces = MediaType.APPLICATION_JSON_VALUE)
	InventoryViews.GmsaPage gmsas(@RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable String domain,
			@RequestParam(required = false) @Nullable String finding,
			@RequestParam(required = false) @Nullable String drift,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable String limit) {
		text(name, "name", 64, "[A-Za-z0-9_.$-]*");
		text(domain, "domain", 253, "[A-Za-z0-9.-]*");
		Severity least = (finding == null || finding.isEmpty()) ? null : severity(finding, "finding");
		Boolean drifted = bool(drift, "drift");
		int size = limit(limit);
		InventoryCursor from = InventoryCursor.decode(cursor);
		KeptSnapshot snapshot = snapshot(from);
		GmsaQuery query = new GmsaQuery(name, domain, least, drifted, GmsaQuery.Sort.NAME, false);
		int offset = (from != null) ? from.offset() : 0;
		// one page filtered, sorted and read in SQL, and the count that says whether another follows
		List<InventoryViews.GmsaView> page = snapshot.gmsasFrom(this.runs.inventory(), query, offset, size).stream()
			.map(g -> InventoryViews.GmsaView.of(g, false)).toList();
		SnapshotHeader header = snapshot.header();
		return new InventoryViews.GmsaPage(InventoryViews.SnapshotView.of(header), page,
				next(header, offset, page.size(), snapshot.gmsaCount(query)));
	}

	/** One gMSA (with or without its {@code $}); {@code connection} picks one when several directories hold it. */
	@GetMapping(path = "/api/v1/inventory/gmsas/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
	InventoryViews.GmsaOne gmsa(@PathVariable String name,
			@RequestParam(required = false) @Nullable String connection) {
		text(name, "name", 64, "[A-Za-z0-9_.$-]+");
		text(connection, "connection", 64, "[A-Za-z0-9_.-]*");
		KeptSnapshot kept = snapshot(null);
		SnapshotHeader snapshot = kept.header();
		List<InventoryGmsa> matches = kept.named(this.runs.inventory(), name).stream()
			.filter(g -> connection == null || connection.isEmpty() || g.connection().equals(connection))
			.toList();
		if (matches.isEmpty()) {
			throw new RequestProblem(HttpStatus.NOT_FOUND, "The newest inventory snapshot (" + snapshot.id()
					+ ") holds no gMSA named " + name + ((connection != null && !connection.isEmpty())
							? " in directory connection " + connection : "") + ".");
		}
		if (matches.size() > 1) {
			throw new ApiInputException("connection", "required: the name is in several directory connections ("
					+ String.join(", ", matches.stream().map(InventoryGmsa::connection).toList()) + ")");
		}
		return new InventoryViews.GmsaOne(InventoryViews.SnapshotView.of(snapshot),
				InventoryViews.GmsaView.of(matches.get(0), true));
	}

	/** Findings most urgent first, then by rule and subject. */
	@GetMapping(path = "/api/v1/findings", produces = MediaType.APPLICATION_JSON_VALUE)
	InventoryViews.FindingPage findings(@RequestParam(required = false) @Nullable String severity,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable String limit) {
		Severity only = (severity == null || severity.isEmpty()) ? null : severity(severity, "severity");
		int size = limit(limit);
		InventoryCursor from = InventoryCursor.decode(cursor);
		KeptSnapshot snapshot = snapshot(from);
		FindingQuery query = new FindingQuery(only, null);
		int offset = (from != null) ? from.offset() : 0;
		List<InventoryViews.FindingView> page = snapshot.findings(query, offset, size).stream()
			.map(InventoryViews.FindingView::of).toList();
		SnapshotHeader header = snapshot.header();
		return new InventoryViews.FindingPage(InventoryViews.SnapshotView.of(header), page,
				next(header, offset, page.size(), snapshot.findingCount(query)));
	}

	/** The newest snapshot, or the one a cursor names: 404 before the first, 410 once the named one is gone. */
	private KeptSnapshot snapshot(@Nullable InventoryCursor cursor) {
		if (cursor == null) {
			return this.inventory.kept(null).orElseThrow(() -> new RequestProblem(HttpStatus.NOT_FOUND,
					"No inventory snapshot has been taken yet; an admin can refresh the inventory, or wait for the "
							+ "schedule."));
		}
		return this.inventory.kept(cursor.takenAt()).filter(s -> s.header().id() == cursor.snapshot())
			.orElseThrow(() -> new RequestProblem(HttpStatus.GONE, "The snapshot this cursor reads ("
					+ cursor.snapshot() + ") is no longer kept; start again without a cursor."));
	}

	private static @Nullable String next(SnapshotHeader snapshot, int offset, int shown, int total) {
		int end = offset + shown;
		return (end < total && shown > 0) ? new InventoryCursor(snapshot.id(), snapshot.takenAt(), end).encode() : null;
	}

	private static int limit(@Nullable String limit) {
		if (limit == null || limit.isEmpty()) {
			return 100;
		}
		int parsed;
		try {
			parsed = Integer.parseInt(limit);
		}
		catch (NumberFormatException ex) {
			throw new ApiInputException("limit", "type");
		}
		if (parsed < 1 || parsed > MAX_LIMIT) {
			throw new ApiInputException("limit", (parsed < 1) ? "min" : "max");
		}
		return parsed;
	}

	private static Severity severity(String value, String field) {
		return Arrays.stream(Severity.values()).filter(s -> s.name().equals(value.toUpperCase(Locale.ROOT)))
			.findFirst()
			.orElseThrow(() -> new ApiInputException(field, "enum: HIGH, MEDIUM, LOW"));
	}

	private static @Nullable Boolean bool(@Nullable String value, String field) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		return switch (value) {
			case "true" -> Boolean.TRUE;
			case "false" -> Boolean.FALSE;
			default -> throw new ApiInputException(field, "enum: true, false");
		};
	}

	private static void text(@Nullable String value, String field, int max, String pattern) {
		if (value == null) {
			return;
		}
		if (value.length() > max) {
			throw new ApiInputException(field, "size");
		}
		if (!value.matches(pattern)) {
			throw new ApiInputException(field, "pattern");
		}
	}

}
