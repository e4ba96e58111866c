package org.gmsaportal.web.wizard;

import java.nio.file.Path;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
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

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The whole wizard in Debian's Chromium as the local admin, export only, with the stand-in directory (the real-DC
 * walk comes with the lead's directory adapter), then the dashboards page with the run's gMSA; saves a screenshot of
 * every step and of the dashboards under docs/screenshots.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gmsa.directory.connections.lab.urls=ldaps://dc1.lab.test:636",
				"gmsa.directory.connections.lab.domain=lab.test" })
@Import(FakeDirectoryConfig.class)
class WizardBrowserTests {

	private static final Path SCREENSHOTS = Path.of("docs", "screenshots");

	private static Playwright playwright;

	private static Browser browser;

	@LocalServerPort
	int port;

	@Autowired
	FakeDirectory directory;

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
	void anAdminWalksTheWholeWizardExportOnlyAndDownloadsTheArtifacts() {
		String name = "web" + UUID.randomUUID().toString().replace("-", "").substring(0, 6);
		try (BrowserContext context = LabServices.newContext(browser, new Browser.NewContextOptions().setViewportSize(1280, 800))) {
			Page page = context.newPage();
			page.navigate(url("/"));
			page.getByLabel("User name").fill("admin");
			page.getByLabel("Password").fill("test-admin-password");
			page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
					new Page.GetByRoleOptions().setName("Sign in")).click();

			page.navigate(url("/wizard"));
			page.locator("input[name=directoryConnection][value=lab]").check();
			page.locator("input[name=clusterConnection][value='']").check();
			shot(page, 1, "connections");
			page.locator("#next").click();

			assertThat(page.locator("h2")).hasText("Forest readiness");
			page.locator("input[name=kdsRootKey][value=USE_EXISTING]").check();
			shot(page, 2, "forest");
			page.locator("#next").click();

			assertThat(page.locator("h2")).hasText("Identity");
			page.locator("#gmsaName").fill(name);
			page.locator("#dnsHostName").fill(name + ".contoso.com");
			page.locator("#spns").fill("HTTP/" + name + ".contoso.com");
			page.locator("#groupName").fill(name + "-hosts");
			page.locator("#computerAccounts").fill("NODE1$");
			// The live parts, in place without a reload: the SPN collision check while typing, and the search.
			String taken = "HTTP/taken-" + name + ".contoso.com";
			this.directory.registerSpn(taken, "CN=OLDAPP,CN=Computers,DC=contoso,DC=com");
			page.locator("#spns").fill(taken);
			assertThat(page.locator("#spns-conflicts")).containsText("SPN " + taken
					+ " is already registered on CN=OLDAPP,CN=Computers,DC=contoso,DC=com");
			// A HOST alias on another computer is a warning beside the error, not an error.
			String alias = "HTTP/alias-" + name + ".contoso.com";
			this.directory.registerHostAlias(alias, "CN=WEB01,CN=Computers,DC=contoso,DC=com");
			page.locator("#spns").fill(taken + "\n" + alias);
			assertThat(page.locator("#spns-conflicts li")).hasCount(1);
			assertThat(page.locator("#spns-warnings")).containsText("SPN " + alias
					+ " may take over a service of another computer");
			page.locator("#spns").fill("HTTP/" + name + ".contoso.com");
			assertThat(page.locator("#spns-free")).isVisible();
			page.locator("#computerSearch").fill("node");
			page.locator("#computer-search-button").click();
			assertThat(page.locator("#computer-results tr.computer-result")).hasCount(3);
			page.locator("#computer-results tr[data-account='NODE2$'] button.add-computer").click();
			assertThat(page.locator("#computerAccounts")).hasValue("NODE1$\nNODE2$");
			assertThat(page.locator("#gmsaName")).hasValue(name);
			page.locator("#ticketRef").fill("CHG0042");
			shot(page, 3, "identity");
			// A wrong entry first: the page comes back with the rule beside the field.
			page.locator("#dnsHostName").fill("web01");
			page.locator("#next").click();
			assertThat(page.locator("#dnsHostName-error")).containsText("must be fully qualified");
			page.locator("#dnsHostName").fill(name + ".contoso.com");
			// Enter in a text field means Next, as on any form, not the Search or Back buttons on the page.
			page.locator("#ticketRef").press("Enter");

			assertThat(page.locator("h2")).hasText("Credential spec");
			assertThat(page.locator("#credspec-json")).containsText("\"MachineAccountName\": \"" + name + "\"");
			assertThat(page.locator("#credspec-summary")).containsText("Containers run as gMSA " + name);
			assertThat(page.locator("#credspec-file")).hasText("contoso_" + name + ".json");
			shot(page, 4, "credspec");
			page.locator("#next").click();

			assertThat(page.locator("h2")).hasText("Cluster");
			page.locator("#namespace").fill("apps");
			page.locator("#serviceAccount").fill("webapp");
			page.locator("#credSpecName").fill(name + "-spec");
			shot(page, 5, "cluster");
			page.locator("#next").click();

			assertThat(page.locator("h2")).hasText("Review and run");
			assertThat(page.locator("#plan-steps")).containsText("New-ADServiceAccount -Name '" + name + "'");
			shot(page, 6, "review");
			page.locator("#run").click();

			assertThat(page.locator("#run-state")).hasText("SUCCEEDED");
			assertThat(page.locator("#artifact-GENERATE_CREDSPEC")).isVisible();
			shot(page, 7, "run");
			var download = page.waitForDownload(() -> page.locator("#artifact-EXPORT_BUNDLE").click());
			org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).isEqualTo(name + "-spec-bundle.yaml");
			page.locator("#run-events").scrollIntoViewIfNeeded();
			shot(page, 8, "result");

			// The run's gMSA is in the portal's inventory on the dashboards page.
			page.navigate(url("/dashboards"));
			assertThat(page.locator("#inventory tr[data-gmsa='" + name + "']")).containsText("Export only");
			page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(SCREENSHOTS.resolve("dashboards.png")));
		}
	}

	private static void shot(Page page, int n, String step) {
		page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
			.setPath(SCREENSHOTS.resolve("wizard-" + n + "-" + step + ".png")));
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
