package org.gmsaportal.web.inventory;

import java.util.List;
import java.util.Locale;

/**
 * A small server-side SVG writer for the inventory's charts: stacked bars and a line, each with a title and a
 * description for screen readers, text labels on the axes and values, and only presentation attributes (the
 * portal's Content-Security-Policy allows no inline style). No script, no external reference. Each part carries a
 * class too, so that the page's stylesheet colours it for the light or the dark theme.
 */
final class SvgChart {

	static final int WIDTH = 720;

	static final int HEIGHT = 260;

	private static final int LEFT = 48;

	private static final int RIGHT = 16;

	private static final int TOP = 16;

	private static final int BOTTOM = 64;

	private SvgChart() {
	}

	/**
	 * One stacked series.
	 *
	 * @param name its legend label
	 * @param color its fill, a CSS colour
	 * @param values one value per category
	 */
	record Series(String name, String color, List<Long> values) {

		Series {
			values = List.copyOf(values);
		}

	}

	/** Stacked bars, one per category; each bar's total is written above it. */
	static String bars(String id, String title, String desc, List<String> categories, List<Series> series) {
		long max = 1;
		for (int c = 0; c < categories.size(); c++) {
			max = Math.max(max, total(series, c));
		}
		StringBuilder svg = open(id, title, desc);
		axes(svg, max);
		double slot = plotWidth() / Math.max(1, categories.size());
		double bar = Math.max(4, slot * 0.6);
		for (int c = 0; c < categories.size(); c++) {
			double x = LEFT + slot * c + (slot - bar) / 2;
			double y = TOP + plotHeight();
			for (Series s : series) {
				long value = s.values().get(c);
				if (value > 0) {
					double h = plotHeight() * value / max;
					y -= h;
					svg.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"")
						.append(num(bar)).append("\" height=\"").append(num(h)).append("\" fill=\"")
						.append(escape(s.color())).append("\" class=\"").append(seriesClass(s.name()))
						.append("\"><title>").append(escape(categories.get(c) + ": "
								+ s.name() + " " + value)).append("</title></rect>");
				}
			}
			text(svg, x + bar / 2, y - 4, "middle", Long.toString(total(series, c)));
			text(svg, x + bar / 2, TOP + plotHeight() + 16, "middle", categories.get(c));
		}
		legend(svg, series);
		return svg.append("</svg>").toString();
	}

	/** A line through one value per category, each point labelled with its value. */
	static String line(String id, String title, String desc, List<String> categories, List<Long> values,
			String color) {
		long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
		StringBuilder svg = open(id, title, desc);
		axes(svg, max);
		double step = plotWidth() / Math.max(1, categories.size());
		StringBuilder points = new StringBuilder();
		for (int c = 0; c < categories.size(); c++) {
			double x = LEFT + step * c + step / 2;
			double y = TOP + plotHeight() - plotHeight() * values.get(c) / max;
			points.append(points.isEmpty() ? "" : " ").append(num(x)).append(',').append(num(y));
			svg.append("<circle cx=\"").append(num(x)).append("\" cy=\"").append(num(y)).append("\" r=\"3\" fill=\"")
				.append(escape(color)).append("\" class=\"series-line\"/>");
			text(svg, x, y - 6, "middle", Long.toString(values.get(c)));
			text(svg, x, TOP + plotHeight() + 16, "middle", categories.get(c));
		}
		if (categories.size() > 1) {
			svg.append("<polyline points=\"").append(points).append("\" fill=\"none\" stroke=\"")
				.append(escape(color)).append("\" stroke-width=\"2\" class=\"series-line\"/>");
		}
		return svg.append("</svg>").toString();
	}

	private static StringBuilder open(String id, String title, String desc) {
		StringBuilder svg = new StringBuilder(4096);
		svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"").append(escape(id)).append("\" role=\"img\" ")
			.append("viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\" width=\"").append(WIDTH)
			.append("\" height=\"").append(HEIGHT).append("\" aria-labelledby=\"").append(escape(id)).append("-title ")
			.append(escape(id)).append("-desc\" font-family=\"sans-serif\" font-size=\"12\">")
			.append("<title id=\"").append(escape(id)).append("-title\">").append(escape(title)).append("</title>")
			.append("<desc id=\"").append(escape(id)).append("-desc\">").append(escape(desc)).append("</desc>");
		return svg;
	}

	private static void axes(StringBuilder svg, long max) {
		int bottom = TOP + (int) plotHeight();
		svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT)
			.append("\" y2=\"").append(bottom).append("\" stroke=\"#555\" class=\"chart-axis\"/>")
			.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(bottom).append("\" x2=\"")
			.append(WIDTH - RIGHT).append("\" y2=\"").append(bottom)
			.append("\" stroke=\"#555\" class=\"chart-axis\"/>");
		text(svg, LEFT - 6, TOP + 4, "end", Long.toString(max));
		text(svg, LEFT - 6, bottom, "end", "0");
	}

	private static void legend(StringBuilder svg, List<Series> series) {
		double x = LEFT;
		double y = HEIGHT - 16;
		for (Series s : series) {
			svg.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y - 10)).append("\" width=\"10\" ")
				.append("height=\"10\" fill=\"").append(escape(s.color())).append("\" class=\"")
				.append(seriesClass(s.name())).append("\"/>");
			text(svg, x + 14, y, "start", s.name());
			x += 24 + 7.5 * s.name().length();
		}
	}

	private static void text(StringBuilder svg, double x, double y, String anchor, String text) {
		svg.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" text-anchor=\"")
			.append(anchor).append("\" fill=\"#222\" class=\"chart-label\">").append(escape(text)).append("</text>");
	}

	/**
	 * The class app.css colours a series by on the page, in the light or dark theme ({@code series-needs-attention}
	 * for NEEDS_ATTENTION); the fill attribute stays for the downloaded SVG, which has no stylesheet.
	 */
	static String seriesClass(String name) {
		return "series-" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
	}

	private static long total(List<Series> series, int category) {
		return series.stream().mapToLong(s -> s.values().get(category)).sum();
	}

	private static double plotWidth() {
		return WIDTH - LEFT - RIGHT;
	}

	private static double plotHeight() {
		return HEIGHT - TOP - BOTTOM;
	}

	private static String num(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	/** Text and attribute values, escaped for XML: the labels carry names read from AD and clusters. */
	static String escape(String value) {
		StringBuilder out = new StringBuilder(value.length());
		for (char c : value.toCharArray()) {
			switch (c) {
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '&' -> out.append("&amp;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&apos;");
				default -> {
					// characters XML 1.0 does not allow are dropped rather than written
					if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
						out.append(c);
					}
				}
			}
		}
		return out.toString();
	}

}
