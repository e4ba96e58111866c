package org.gmsaportal.web;

import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import org.gmsaportal.inventory.Inventory;
import org.gmsaportal.inventory.SnapshotSummary;
import org.gmsaportal.provisioning.PendingRequests;
import org.gmsaportal.provisioning.ProvisioningRequests;
import org.gmsaportal.provisioning.RunKind;
import org.gmsaportal.provisioning.RunOverview;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.support.FakeDirectoryConfig;
import org.gmsaportal.support.LabServices;
import org.gmsaportal.web.wizard.ConnectionHealth;
import org.gmsaportal.web.wizard.ConnectionHealth.Health;
import org.gmsaportal.web.wizard.ConnectionHealth.State;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doReturn;

/**
 * Issue 19's overview and wizard edges in Debian's Chromium at 1366 px: the overview with something needing
 * attention (saved as docs/screenshots/overview-attention.png), the identity page's fields and RC4 warning hiding
 * and showing with the choice, and a copy button copying by mouse and by keyboard (read back from the browser's
 * clipboard). The overview's read models are the real beans with their answers stubbed (spies): their queries are
 * tested in their modules, the page is what is looked at here. The wizard runs on the stand-in directory of
 * {@code WizardBrowserTests}: nothing here is a directory behaviour.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gmsa.directory.connections.lab.urls=ldaps://dc1.lab.test:636",
				"gmsa.directory.connections.lab.domain=lab.test" })
@Import(FakeDirectoryConfig.class)
class OverviewWizardBrowserTests {

	private static final int WIDTH = 1366;

	private static Playwright playwright;

	private static Browser browser;

	@LocalServerPort
	int port;

	@MockitoSpyBean
	RunOverview runs;

	@MockitoSpyBean
	ProvisioningRequests requests;

	@MockitoSpyBean
	Inventory inventory;

	@MockitoSpyBean
	ConnectionHealth health;

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
	void theOverviewShowsWhatNeedsAttentionEachWithWhereToAct() {
		Instant now = Instant.now();
		doReturn(List.of(new RunView("3f2a9c1e-failed", RunKind.PROVISION, RunState.FAILED, "lab.test", "web01",
				"h", "admin", null, "CHG0042", null, "SPN HTTP/web01.lab.test is already registered on CN=OLDAPP,"
						+ "CN=Computers,DC=lab,DC=test",
				now.minusSeconds(3600), now.minusSeconds(3500), List.of())))
			.when(this.runs).needingAttention(anyInt());
		Map<RunState, Long> counts = new EnumMap<>(RunState.class);
		counts.put(RunState.FAILED, 1L);
		doReturn(counts).when(this.runs).countsByState();
		doReturn(new PendingRequests(2, now.minusSeconds(7200))).when(this.requests).pending();
		doReturn(List.of(new SnapshotSummary(12, now.minusSeconds(900), "system", 48, 17, 3, 9, true)))
			.when(this.inventory).history(1);
		doReturn(List.of(new Health("directory", "lab", State.OK, "lab.test", now.minusSeconds(40)),
				new Health("cluster", "aks-prod", State.DOWN, "The API server did not answer within 10 s", now)))
			.when(this.health).all();
		try (BrowserContext context = LabServices.newContext(browser,
				new Browser.NewContextOptions().setViewportSize(WIDTH, 900))) {
			Page page = signedIn(context);
			assertThat(page.locator("#attention li.attention-item")).hasCount(5);
			assertThat(page.locator("#attention li[data-kind=run] a")).hasAttribute("href", "/runs/3f2a9c1e-failed");
			assertThat(page.locator("#attention li[data-kind=connection] a"))
				.hasAttribute("href", "/wizard/connections");
			assertThat(page.locator("#attention li[data-kind=requests] a"))
				.hasAttribute("href", "/api-requests?status=PENDING_APPROVAL");
			assertThat(page.locator("#attention li[data-kind=drift]")).containsText("3 objects drifted");
			assertThat(page.locator("#attention li[data-kind=findings]")).containsText("9 risky settings");
			assertThat(page.locator("#connection-health tr[data-state=DOWN]")).containsText("aks-prod");
			assertWithinViewport(page);
			page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
				.setPath(Path.of("docs", "screenshots", "overview-attention.png")));
			// each item leads where it is acted on
			page.locator("#attention li[data-kind=findings] a").click();
			assertThat(page).hasURL(Pattern.compile(".*/inventory/findings$"));
		}
	}

	@Test
	void theIdentityPageHidesWhatDoesNotApplyToTheChosenModeAndShowsTheRc4WarningOnlyWithRc4() {
		try (BrowserContext context = LabServices.newContext(browser,
				new Browser.NewContextOptions().setViewportSize(WIDTH, 900))) {
			Page page = signedIn(context);
			page.navigate(url("/wizard"));
			// the bootstrap admin's draft is shared with the other wizard walks: start from none, leave none
			page.locator("#cancel").click();
			page.locator("input[name=directoryConnection][value=lab]").check();
			page.locator("input[name=clusterConnection][value='']").check();
			page.locator("#next").click();
			page.locator("input[name=kdsRootKey][value=USE_EXISTING]").check();
			page.locator("#next").click();
			assertThat(page.locator("h2")).hasText("Identity");

			assertThat(page.locator("#computerAccounts")).isVisible();
			assertThat(page.locator("#portableUser")).isHidden();
			assertThat(page.locator("#rc4-warning")).isHidden();
			page.locator("input[name=hostMode][value=PORTABLE]").check();
			assertThat(page.locator("#portableUser")).isVisible();
			assertThat(page.locator("#computerAccounts")).isHidden();
			assertThat(page.locator("#computerSearch")).isHidden();
			assertThat(page.locator("#pluginGuid")).isHidden();
			page.locator("#plugin").selectOption("AKS_HCI_SECRET");
			assertThat(page.locator("#pluginGuid")).isVisible();
			page.locator("input[name=hostMode][value=DOMAIN_JOINED]").check();
			assertThat(page.locator("#portableUser")).isHidden();
			assertThat(page.locator("#computerAccounts")).isVisible();

			page.locator("input[name=encryptionTypes][value=RC4_HMAC]").check();
			assertThat(page.locator("#rc4-warning")).isVisible();
			page.locator("input[name=encryptionTypes][value=RC4_HMAC]").uncheck();
			assertThat(page.locator("#rc4-warning")).isHidden();
			page.locator("#cancel").click();
		}
	}

	@Test
	void aCopyButtonCopiesItsValueByMouseAndByKeyboard() {
		try (BrowserContext context = LabServices.newContext(browser, new Browser.NewContextOptions()
			.setViewportSize(WIDTH, 900)
			.setPermissions(List.of("clipboard-read", "clipboard-write")))) {
			Page page = signedIn(context);
			page.navigate(url("/wizard/plan-only"));
			page.locator("#dnsName").fill("contoso.com");
			page.locator("#netbiosName").fill("CONTOSO");
			page.locator("#forestDnsName").fill("contoso.com");
			page.locator("#domainSid").fill("S-1-5-21-1004336348-1177238915-682003330");
			page.locator("#domainGuid").fill("52e6d0b4-87d3-4d2a-9b4c-8d1f0f1ac0de");
			page.locator("#gmsaName").fill("WebApp01");
			page.locator("#computerAccounts").fill("NODE1$");
			page.locator("#namespace").fill("apps");
			page.locator("#serviceAccount").fill("webapp");
			page.locator("#generate").click();

			var copyCredSpec = page.getByRole(AriaRole.BUTTON,
					new Page.GetByRoleOptions().setName("Copy the credential spec"));
			assertThat(copyCredSpec).isVisible();
			copyCredSpec.click();
			assertThat(copyCredSpec).hasText("Copied");
			String credSpec = page.locator("#plan-only-credspec").textContent().strip();
			org.assertj.core.api.Assertions.assertThat(page.evaluate("() => navigator.clipboard.readText()"))
				.isEqualTo(credSpec);
			org.assertj.core.api.Assertions.assertThat(credSpec).contains("\"MachineAccountName\": \"WebApp01\"");

			var copyFirstCommand = page.locator("button[data-copy=plan-only-command-0]");
			copyFirstCommand.focus();
			page.keyboard().press("Enter");
			assertThat(copyFirstCommand).hasText("Copied");
			org.assertj.core.api.Assertions.assertThat(page.evaluate("() => navigator.clipboard.readText()"))
				.isEqualTo(page.locator("#plan-only-command-0").textContent().strip());
		}
	}

	private Page signedIn(BrowserContext context) {
		Page page = context.newPage();
		page.navigate(url("/"));
		page.getByLabel("User name").fill("admin");
		page.getByLabel("Password").fill("test-admin-password");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		assertThat(page.locator("#current-user")).hasText("admin");
		return page;
	}

	private static void assertWithinViewport(Page page) {
		int scrollWidth = ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue();
		int viewport = ((Number) page.evaluate("window.innerWidth")).intValue();
		org.assertj.core.api.Assertions.assertThat(scrollWidth).as("page width").isLessThanOrEqualTo(viewport);
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
