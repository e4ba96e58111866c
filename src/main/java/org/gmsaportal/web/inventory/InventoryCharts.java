package org.gmsaportal.web.inventory;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.gmsaportal.inventory.Severity;
import org.gmsaportal.inventory.SnapshotHeader;
import org.gmsaportal.inventory.SnapshotSummary;
import org.gmsaportal.provisioning.RunOverview;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.RunWeek;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The three charts as SVG text: the portal's runs per week by state (from its database), the findings of a
 * snapshot by severity, and the gMSA count of each kept snapshot. Colours differ in lightness as well as hue, and
 * every bar and point carries its number as text, so no chart depends on colour alone.
 */
@Component
class InventoryCharts {

	static final int WEEKS = 12;

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT);

	private static final Map<RunState, String> STATE_COLORS = new EnumMap<>(Map.of(RunState.SUCCEEDED, "#1b7f3b",
			RunState.FAILED, "#b3261e", RunState.RUNNING, "#1f5fa8", RunState.INTERRUPTED, "#c86a00",
			RunState.NEEDS_ATTENTION, "#e0b400", RunState.ABANDONED, "#777777", RunState.DECOMMISSIONED, "#5b3f8c"));

	private static final Map<Severity, String> SEVERITY_COLORS = new EnumMap<>(Map.of(Severity.HIGH, "#b3261e",
			Severity.MEDIUM, "#c86a00", Severity.LOW, "#1f5fa8"));

	private final RunOverview runs;

	private final SnapshotPicker snapshots;

	private final MessageSource messages;

	InventoryCharts(RunOverview runs, SnapshotPicker snapshots, MessageSource messages) {
		this.runs = runs;
		this.snapshots = snapshots;
		this.messages = messages;
	}

	String runsPerWeek(Instant now) {
		List<RunWeek> weeks = this.runs.weekly(WEEKS, now);
		List<String> labels = weeks.stream().map(w -> DAY.format(w.start())).toList();
		List<SvgChart.Series> series = new ArrayList<>();
		for (RunState state : RunState.values()) {
			List<Long> values = weeks.stream().map(w -> w.counts().getOrDefault(state, 0L)).toList();
			if (values.stream().anyMatch(v -> v > 0)) {
				series.add(new SvgChart.Series(state.name(), STATE_COLORS.get(state), values));
			}
		}
		long total = weeks.stream().mapToLong(RunWeek::total).sum();
		return SvgChart.bars("chart-runs", text("inventory.chart.runs"),
				text("inventory.chart.runs.desc", WEEKS, total, labels.get(0)), labels, series);
	}

	/** From the snapshot's header: its findings counted by severity in SQL, none of them read. */
	String findingsBySeverity(Optional<SnapshotHeader> snapshot) {
		Map<Severity, Long> counts = snapshot.map(SnapshotHeader::findings).orElse(Map.of());
		List<String> labels = new ArrayList<>();
		List<SvgChart.Series> series = new ArrayList<>();
		Severity[] all = Severity.values();
		for (int i = 0; i < all.length; i++) {
			Severity severity = all[i];
			labels.add(severity.name());
			List<Long> values = new ArrayList<>(java.util.Collections.nCopies(all.length, 0L));
			values.set(i, counts.getOrDefault(severity, 0L));
			series.add(new SvgChart.Series(severity.name(), SEVERITY_COLORS.get(severity), values));
		}
		String desc = snapshot.map(s -> text("inventory.chart.findings.desc", s.id(), s.findingCount()))
			.orElse(text("inventory.none"));
		return SvgChart.bars("chart-findings", text("inventory.chart.findings"), desc, labels, series);
	}

	String history() {
		List<SnapshotSummary> history = new ArrayList<>(this.snapshots.history());
		java.util.Collections.reverse(history);
		List<String> labels = history.stream()
			.map(h -> DAY.format(h.takenAt().atZone(ZoneOffset.UTC)) + " #" + h.id())
			.toList();
		List<Long> values = history.stream().map(h -> (long) h.gmsas()).toList();
		String desc = history.isEmpty() ? text("inventory.none")
				: text("inventory.chart.history.desc", history.size(), values.get(values.size() - 1));
		return SvgChart.line("chart-history", text("inventory.chart.history"), desc, labels, values, "#1f5fa8");
	}

	private String text(String key, Object... args) {
		return this.messages.getMessage(key, args, LocaleContextHolder.getLocale());
	}

}
