package org.gmsaportal.web.pages;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.Cookie;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.inventory.Inventory;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.support.FakeDirectory;
import org.gmsaportal.support.FakeDirectoryConfig;
import org.gmsaportal.support.LabServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.session.SessionRepository;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page an admin and an auditor can open, in Debian's Chromium, in the light and the dark theme
 * ({@code prefers-color-scheme}) at 1366 and 390 px: no page is wider than its viewport, and axe-core finds no
 * violation (issue 19, "What must be shown"). Screenshots of the pages the issue names go to docs/screenshots as
 * {@code <page>-<light|dark>-<1366|390>.png}.
 *
 * <p>
 * The same Spring context as {@code WizardBrowserTests} (the stand-in directory, export-only targets, H2): what is
 * checked is the pages, not the directory. One browser, one context per theme and width; every problem of every page
 * is collected and reported at once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gmsa.directory.connections.lab.urls=ldaps://dc1.lab.test:636",
				"gmsa.directory.connections.lab.domain=lab.test" })
@Import(FakeDirectoryConfig.class)
class EveryPageBrowserTests {

	private static final Path SCREENSHOTS = Path.of("docs", "screenshots");

	private static final int HEIGHT = 900;

	private static final List<Look> LOOKS = List.of(new Look(ColorScheme.LIGHT, 1366), new Look(ColorScheme.DARK, 1366),
			new Look(ColorScheme.LIGHT, 390), new Look(ColorScheme.DARK, 390));

	// What makes a page too wide, for the failure message: the outermost elements reaching past the viewport that are
	// not inside a box that scrolls or clips them.
	private static final String WIDEST = """
			() => {
			  const width = window.innerWidth;
			  const clipped = (el) => {
			    for (let p = el.parentElement; p; p = p.parentElement) {
			      if (getComputedStyle(p).overflowX !== 'visible') return p !== document.documentElement
			          && p !== document.body;
			    }
			    return false;
			  };
			  const found = [];
			  for (const el of document.body.querySelectorAll('*')) {
			    const right = el.getBoundingClientRect().right;
			    const parent = el.parentElement.getBoundingClientRect().right;
			    if (right > width + 1 && parent <= width + 1 && !clipped(el)) {
			      found.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
			          + (typeof el.className === 'string' && el.className ? '.' + el.className.trim()
			          .replace(/\\s+/g, '.') : '') + ' to ' + Math.round(right) + ' px');
			    }
			    if (found.length === 3) break;
			  }
			  return found.join(', ') || 'no single element';
			}""";

	private static Playwright playwright;

	private static Browser browser;

	@LocalServerPort
	int port;

	@Autowired
	ProvisioningService provisioning;

	@Autowired
	FakeDirectory directory;

	@Autowired
	AuditTrail audit;

	@Autowired
	ApiClients clients;

	@Autowired
	Inventory inventory;

	@Autowired
	SessionRepository<?> sessions;

	private final List<String> problems = new ArrayList<>();

	@BeforeAll
	static void launchChromium() {
		playwright = Playwright.create();
		browser = LabServices.launchChromium(playwright);
	}

	@AfterAll
	static void closeChromium() {
		if (playwright != null) {
			playwright.close();
		}
	}

	@Test
	void everyPageFitsItsViewportAndPassesAxeInBothThemesAtBothWidths() {
		try (PageData data = new PageData(this.provisioning, this.directory, this.audit, this.clients, url(""))) {
			this.inventory.refresh();
			for (Look look : LOOKS) {
				try (BrowserContext context = LabServices.newContext(browser, new Browser.NewContextOptions()
					.setViewportSize(look.width(), HEIGHT).setColorScheme(look.scheme()))) {
					Page page = context.newPage();
					signedOut(page, look);
					signInAsAdmin(page);
					admin(page, look, data);
					wizard(page, look);
					context.clearCookies();
					context.addCookies(List.of(new Cookie("JSESSIONID",
							AuditorSession.cookie(this.sessions, "pages-auditor")).setUrl(url("/"))));
					auditor(page, look, data);
				}
			}
		}
		assertThat(this.problems).as("pages wider than their viewport, and axe-core's violations").isEmpty();
	}

	@Test
	void theLayoutLinksBothFaviconsAndBothAreServedBeforeSignIn() {
		try (BrowserContext context = LabServices.newContext(browser, new Browser.NewContextOptions())) {
			Page page = context.newPage();
			page.navigate(url("/login"));
			assertThat(page.locator("link[rel=icon]").evaluateAll("links => links.map(l => l.getAttribute('href'))"))
				.isEqualTo(List.of("/favicon.ico", "/assets/favicon.svg"));
			APIResponse ico = context.request().get(url("/favicon.ico"));
			APIResponse svg = context.request().get(url("/assets/favicon.svg"));
			assertThat(ico.status()).isEqualTo(200);
			assertThat(svg.status()).isEqualTo(200);
			assertThat(svg.headers().get("content-type")).startsWith("image/svg+xml");
		}
	}

	private void signedOut(Page page, Look look) {
		check(page, look, "/login", 200);
		check(page, look, "/login?error", 200);
	}

	private void admin(Page page, Look look, PageData data) {
		check(page, look, "/", 200);
		shot(page, look, "overview");
		check(page, look, "/runs/" + data.runningRun, 200);
		shot(page, look, "run-running");
		check(page, look, "/runs/" + data.finishedRun, 200);
		shot(page, look, "run-finished");
		check(page, look, "/audit", 200);
		shot(page, look, "audit");
		for (String path : List.of("/connections", "/runs", "/runs?state=FAILED", "/runs/" + data.failedRun,
				"/runs/" + data.finishedRun + "/decommission", "/audit?ticket=CHG0042001", "/audit/verify",
				"/dashboards", "/inventory", "/inventory/kds-keys", "/inventory/users", "/inventory/credential-specs",
				"/inventory/findings", "/inventory/charts", "/api-clients", "/api-clients/new",
				"/api-clients/" + data.apiClient + "/revoke", "/api-requests",
				"/api-requests/" + data.pendingRequest)) {
			check(page, look, path, 200);
		}
		check(page, look, "/runs/" + UUID.randomUUID(), 404);
		check(page, look, "/no-such-page", 404);
	}

	private void auditor(Page page, Look look, PageData data) {
		for (String path : List.of("/", "/connections", "/runs", "/runs/" + data.finishedRun,
				"/runs/" + data.failedRun, "/audit", "/audit/verify", "/dashboards", "/inventory",
				"/inventory/findings", "/inventory/charts", "/api-requests", "/api-requests/" + data.pendingRequest)) {
			check(page, look, path, 200);
		}
		assertThat(page.locator("#current-role")).hasText("AUDITOR");
		check(page, look, "/wizard", 403);
	}

	// The wizard's steps as an admin walks them (export only), each checked; the draft is left as it was found: none.
	private void wizard(Page page, Look look) {
		String name = "pw" + UUID.randomUUID().toString().replace("-", "").substring(0, 6);
		page.navigate(url("/wizard"));
		page.locator("#cancel").click();
		page.locator("input[name=directoryConnection][value=lab]").check();
		page.locator("input[name=clusterConnection][value='']").check();
		checkHere(page, look, "wizard: connections");
		page.locator("#next").click();
		assertThat(page.locator("h2")).hasText("Forest readiness");
		page.locator("input[name=kdsRootKey][value=USE_EXISTING]").check();
		checkHere(page, look, "wizard: forest");
		page.locator("#next").click();
		assertThat(page.locator("h2")).hasText("Identity");
		page.locator("#gmsaName").fill(name);
		page.locator("#dnsHostName").fill(name + ".contoso.com");
		page.locator("#spns").fill("HTTP/" + name + ".contoso.com");
		page.locator("#groupName").fill(name + "-hosts");
		page.locator("#computerAccounts").fill("NODE1$");
		checkHere(page, look, "wizard: identity");
		page.locator("#next").click();
		assertThat(page.locator("h2")).hasText("Credential spec");
		checkHere(page, look, "wizard: credential spec");
		page.locator("#next").click();
		assertThat(page.locator("h2")).hasText("Cluster");
		page.locator("#namespace").fill("apps");
		page.locator("#serviceAccount").fill("webapp");
		page.locator("#credSpecName").fill(name + "-spec");
		checkHere(page, look, "wizard: cluster");
		page.locator("#next").click();
		assertThat(page.locator("h2")).hasText("Review and run");
		checkHere(page, look, "wizard: review");
		page.locator("#cancel").click();
	}

	private void check(Page page, Look look, String path, int status) {
		Response response = page.navigate(url(path));
		if (response == null || response.status() != status) {
			this.problems.add(look + " " + path + ": HTTP " + (response == null ? "none" : response.status())
					+ ", expected " + status);
		}
		checkHere(page, look, path);
	}

	private void checkHere(Page page, Look look, String what) {
		int scrollWidth = ((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue();
		if (scrollWidth > look.width()) {
			this.problems.add(look + " " + what + ": " + scrollWidth + " px wide, wider than the viewport, from "
					+ page.evaluate(WIDEST));
		}
		for (String violation : AxeCheck.violations(page)) {
			this.problems.add(look + " " + what + ": " + violation);
		}
	}

	private static void shot(Page page, Look look, String name) {
		int height = ((Number) page.evaluate("() => document.documentElement.scrollHeight")).intValue();
		System.out.println("[pages] " + name + " " + look + ": " + height + " px tall");
		page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
			.setPath(SCREENSHOTS.resolve(name + "-" + look.theme() + "-" + look.width() + ".png")));
	}

	private void signInAsAdmin(Page page) {
		page.navigate(url("/login"));
		page.getByLabel("User name").fill("admin");
		page.getByLabel("Password").fill("test-admin-password");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		assertThat(page.locator("#current-user")).hasText("admin");
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	/** A theme and a width the pages are looked at in. */
	private record Look(ColorScheme scheme, int width) {

		String theme() {
			return this.scheme == ColorScheme.DARK ? "dark" : "light";
		}

		@Override
		public String toString() {
			return theme() + "@" + this.width;
		}

	}

}
