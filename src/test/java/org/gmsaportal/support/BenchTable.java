package org.gmsaportal.support;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmarks' output: one line per figure with its baseline from the same run and their ratio, so that runs
 * on noisy machines compare by ratio rather than by absolute figures.
 */
public final class BenchTable {

	private final String title;

	private final List<String> lines = new ArrayList<>();

	public BenchTable(String title) {
		this.title = title;
	}

	public void add(String figure, double value, double baseline) {
		this.lines.add(String.format("| %-48s | %12.1f | %12.1f | %7.2fx |", figure, value, baseline,
				(baseline != 0) ? value / baseline : Double.NaN));
	}

	public void print(String note) {
		System.out.printf("%n%s (%s)%n", this.title, note);
		System.out.printf("| %-48s | %12s | %12s | %8s |%n", "figure", "value", "baseline", "ratio");
		System.out.printf("|%s|%s|%s|%s|%n", "-".repeat(50), "-".repeat(14), "-".repeat(14), "-".repeat(10));
		this.lines.forEach(System.out::println);
		System.out.println();
	}

}
