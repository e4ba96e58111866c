package org.gmsaportal.web.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.microsoft.playwright.Page;

/**
 * axe-core in the page under test: the axe.min.js that Deque ships in its Maven artifact
 * (com.deque.html.axe-core:playwright, test scope), read from the test class path, so no CDN and no download at test
 * time.
 *
 * <p>
 * The script goes in through {@link Page#evaluate(String)} rather than {@code addScriptTag}: the portal's
 * Content-Security-Policy ({@code script-src 'self'}) refuses an inline script tag, and turning the policy off for the
 * tests (bypassCSP) would hide a page that only looks right without it.
 */
final class AxeCheck {

	private static final String AXE = load();

	// WCAG 2.1 A and AA and axe's best practices; every violation is reported with the first nodes it was found on.
	private static final String RUN = """
			async () => {
			  const result = await axe.run(document, {
			    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
			    resultTypes: ['violations'] });
			  return result.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
			    + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' [' + (n.failureSummary || '')
			    .replace(/\\s+/g, ' ') + ']').join('; '));
			}""";

	private AxeCheck() {
	}

	/** axe's violations on the page as it is now, one line each; empty when there are none. */
	@SuppressWarnings("unchecked")
	static List<String> violations(Page page) {
		if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
			page.evaluate("() => {\n" + AXE + "\n}");
		}
		return (List<String>) page.evaluate(RUN);
	}

	private static String load() {
		try (InputStream in = AxeCheck.class.getResourceAsStream("/axe.min.js")) {
			if (in == null) {
				throw new IllegalStateException("axe.min.js is not on the test class path "
						+ "(com.deque.html.axe-core:playwright in pom.xml)");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
