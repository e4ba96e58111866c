package org.gmsaportal.web.wizard;

import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import org.gmsaportal.support.FakeDirectoryConfig;
import org.gmsaportal.support.LabServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * A long invalid value never widens the page (issue 12 item 11: a 300-character SPN made the identity step 2,966 px
 * wide): in Debian's Chromium, the page's scroll width stays within the viewport while the error names the value.
 * The same Spring context as {@link WizardBrowserTests} (the stand-in directory): the width is the page's, not the
 * directory's.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gmsa.directory.connections.lab.urls=ldaps://dc1.lab.test:636",
				"gmsa.directory.connections.lab.domain=lab.test" })
@Import(FakeDirectoryConfig.class)
class PageWidthBrowserTests {

	private static final int VIEWPORT_WIDTH = 1280;

	private static Playwright playwright;

	private static Browser browser;

	@LocalServerPort
	int port;

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
	void aThreeHundredCharacterSpnIsRefusedWithoutWideningTheIdentityStep() {
		String name = "wide" + UUID.randomUUID().toString().replace("-", "").substring(0, 6);
		String spn = "HTTP/" + "a".repeat(295);
		try (BrowserContext context = LabServices.newContext(browser,
				new Browser.NewContextOptions().setViewportSize(VIEWPORT_WIDTH, 800))) {
			Page page = context.newPage();
			page.navigate(url("/"));
			page.getByLabel("User name").fill("admin");
			page.getByLabel("Password").fill("test-admin-password");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
			// The bootstrap admin's draft is shared with WizardBrowserTests: start from none, leave none behind.
			page.navigate(url("/wizard"));
			page.locator("#cancel").click();
			page.locator("input[name=directoryConnection][value=lab]").check();
			page.locator("input[name=clusterConnection][value='']").check();
			page.locator("#next").click();
			page.locator("input[name=kdsRootKey][value=USE_EXISTING]").check();
			page.locator("#next").click();

			assertThat(page.locator("h2")).hasText("Identity");
			page.locator("#gmsaName").fill(name);
			page.locator("#dnsHostName").fill(name + ".contoso.com");
			page.locator("#spns").fill(spn);
			page.locator("#groupName").fill(name + "-hosts");
			page.locator("#computerAccounts").fill("NODE1$");
			page.locator("#next").click();

			assertThat(page.locator("h2")).hasText("Identity");
			assertThat(page.locator("#spns-error")).isVisible();
			int scrollWidth = ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue();
			int viewport = ((Number) page.evaluate("window.innerWidth")).intValue();
			org.assertj.core.api.Assertions.assertThat(scrollWidth).as("page width with a 300-character SPN")
				.isLessThanOrEqualTo(viewport);
			page.locator("#cancel").click();
			assertThat(page.locator("input[name=directoryConnection][value=lab]")).isVisible();
		}
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
