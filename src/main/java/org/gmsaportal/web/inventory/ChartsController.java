package org.gmsaportal.web.inventory;

import java.time.Instant;

import org.gmsaportal.inventory.KeptSnapshot;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The charts page (the SVGs inline, so screen readers read their titles and labels) and each chart as an SVG file
 * for reports.
 */
@Controller
class ChartsController {

	static final MediaType SVG = MediaType.parseMediaType("image/svg+xml;charset=UTF-8");

	private final InventoryCharts charts;

	private final SnapshotPicker snapshots;

	ChartsController(InventoryCharts charts, SnapshotPicker snapshots) {
		this.charts = charts;
		this.snapshots = snapshots;
	}

	@GetMapping("/inventory/charts")
	String page(@RequestParam(required = false) @Nullable Instant asOf, Model model) {
		var snapshot = this.snapshots.show(model, "charts", asOf);
		model.addAttribute("runsChart", this.charts.runsPerWeek(Instant.now()));
		model.addAttribute("findingsChart", this.charts.findingsBySeverity(snapshot.map(KeptSnapshot::header)));
		model.addAttribute("historyChart", this.charts.history());
		model.addAttribute("path", "/inventory/charts");
		model.addAttribute("asOfQuery", (asOf != null) ? "asOf=" + asOf : "");
		return "inventory/charts";
	}

	@GetMapping("/inventory/charts/runs.svg")
	ResponseEntity<String> runs() {
		return svg(this.charts.runsPerWeek(Instant.now()));
	}

	@GetMapping("/inventory/charts/findings.svg")
	ResponseEntity<String> findings(@RequestParam(required = false) @Nullable Instant asOf) {
		return svg(this.charts.findingsBySeverity(this.snapshots.pick(asOf).map(KeptSnapshot::header)));
	}

	@GetMapping("/inventory/charts/history.svg")
	ResponseEntity<String> history() {
		return svg(this.charts.history());
	}

	private static ResponseEntity<String> svg(String body) {
		return ResponseEntity.ok().contentType(SVG).body(body);
	}

}
