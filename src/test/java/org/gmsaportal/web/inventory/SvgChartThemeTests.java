package org.gmsaportal.web.inventory;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The charts follow the page's theme: each part carries the class app.css colours it by in the light and the dark
 * set, while the fill and stroke attributes stay for the downloaded SVG, which has no stylesheet.
 */
class SvgChartThemeTests {

	@Test
	void barsAxesAndLabelsCarryTheClassesTheStylesheetColoursThemBy() {
		String svg = SvgChart.bars("c", "t", "d", List.of("w1", "w2"),
				List.of(new SvgChart.Series("NEEDS_ATTENTION", "#e0b400", List.of(1L, 2L)),
						new SvgChart.Series("SUCCEEDED", "#1b7f3b", List.of(3L, 0L))));
		assertThat(svg).contains("fill=\"#e0b400\" class=\"series-needs-attention\"")
			.contains("fill=\"#1b7f3b\" class=\"series-succeeded\"")
			.contains("stroke=\"#555\" class=\"chart-axis\"")
			.contains("fill=\"#222\" class=\"chart-label\"");
	}

	@Test
	void theLineAndItsPointsCarryTheLineClass() {
		String svg = SvgChart.line("h", "t", "d", List.of("a", "b"), List.of(1L, 2L), "#1f5fa8");
		assertThat(svg).contains("<polyline").contains("stroke-width=\"2\" class=\"series-line\"")
			.contains("r=\"3\" fill=\"#1f5fa8\" class=\"series-line\"");
	}

	@Test
	void aSeriesNameBecomesAClassOfLettersDigitsAndDashesOnly() {
		assertThat(SvgChart.seriesClass("x\"y <b>")).isEqualTo("series-x-y-b-");
	}

}
