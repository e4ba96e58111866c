package org.gmsaportal.web.pages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dark theme stays whole as the stylesheet grows: every colour is a custom property, the dark set (under
 * {@code prefers-color-scheme: dark}) gives each of them a value of its own, no rule names a colour itself, and no
 * template colours anything inline (the Content-Security-Policy refuses inline styles anyway).
 */
class ThemeStylesheetTests {

	private static final Path CSS = Path.of("frontend", "assets", "app.css");

	private static final Pattern PROPERTY = Pattern.compile("(--[a-z0-9-]+)\\s*:");

	private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{3,8}\\b|\\b(?:rgb|rgba|hsl|hsla)\\(");

	@Test
	void theDarkSetGivesEveryColourPropertyAValueOfItsOwn() throws IOException {
		String css = Files.readString(CSS);
		int dark = css.indexOf("@media (prefers-color-scheme: dark)");
		assertThat(dark).as("a dark set in app.css").isPositive();
		Set<String> light = properties(css.substring(css.indexOf(":root {"), dark));
		Set<String> darkSet = properties(block(css, dark));
		assertThat(light).contains("--ink", "--paper", "--link", "--chart-succeeded");
		assertThat(darkSet).containsAll(light);
	}

	@Test
	void noRuleNamesAColourOutsideTheTwoSets() throws IOException {
		String css = Files.readString(CSS);
		int dark = css.indexOf("@media (prefers-color-scheme: dark)");
		String rules = css.substring(0, css.indexOf(":root {")) + css.substring(dark + block(css, dark).length());
		List<String> named = rules.lines().map(String::strip).filter((line) -> !line.startsWith("/*"))
			.filter((line) -> COLOUR.matcher(line).find()).toList();
		assertThat(named).as("rules naming a colour instead of a custom property").isEmpty();
	}

	@Test
	void noTemplateStylesAnythingInline() throws IOException {
		try (Stream<Path> templates = Files.walk(Path.of("src", "main", "resources", "templates"))) {
			List<Path> inline = templates.filter((p) -> p.toString().endsWith(".html")).filter((p) -> {
				try {
					return Files.readString(p).matches("(?s).*\\s(?:th:)?style=.*");
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}).toList();
			assertThat(inline).isEmpty();
		}
	}

	private static Set<String> properties(String text) {
		Set<String> names = new LinkedHashSet<>();
		Matcher matcher = PROPERTY.matcher(text);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	// From the opening brace after `start` to its matching closing brace.
	private static String block(String css, int start) {
		int depth = 0;
		for (int i = css.indexOf('{', start); i < css.length(); i++) {
			if (css.charAt(i) == '{') {
				depth++;
			}
			else if (css.charAt(i) == '}' && --depth == 0) {
				return css.substring(start, i + 1);
			}
		}
		throw new IllegalStateException("unbalanced braces after " + start);
	}

}
