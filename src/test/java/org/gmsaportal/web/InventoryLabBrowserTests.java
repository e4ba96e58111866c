package org.gmsaportal.web;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.provisioning.Approval;
import org.gmsaportal.provisioning.Hosts;
import org.gmsaportal.provisioning.Plan;
import org.gmsaportal.provisioning.ProvisioningRequest;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.Target;
import org.gmsaportal.support.LabServices;
import org.gmsaportal.support.Waiting;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inventory end to end on the Samba lab DC, in Chromium: a portal run makes a gMSA; someone changes it outside
 * the portal with Samba's own tool (its SPN moved, Domain Computers allowed to retrieve its password); an admin
 * clicks "Refresh now", and the list, the gMSA's page and the charts show what the DC holds now: the drift with the
 * link to the run that made the gMSA, and the finding about the broad group. Saves
 * docs/screenshots/inventory-list.png, inventory-gmsa.png and inventory-charts.png.
 */
class InventoryLabBrowserTests extends LabWizardSupport {

	private static final Path SCREENSHOTS = Path.of("docs", "screenshots");

	@Autowired
	ProvisioningService provisioning;

	@Test
	void changesMadeOutsideThePortalShowAsDriftAndAFindingAfterARefresh() {
		String name = freshName("iv");
		String account = name + "$";
		String runId = provision(name);
		samba("spn", "add", "HTTP/" + name + "-moved.lab.test", account);
		samba("spn", "delete", "HTTP/" + name + ".lab.test", account);
		samba("service-account", "group-msa-membership", "add", "--name=" + account,
				"--principal=CN=Domain Computers,CN=Users," + LabServices.dc("GMSA_LAB_BASE_DN"));

		try (BrowserContext context = LabServices.newContext(browser,
				new Browser.NewContextOptions().setViewportSize(1280, 900))) {
			Page page = signedIn(context, "admin", "test-admin-password");
			page.navigate(url("/inventory"));
			page.locator("#refresh button").click();
			assertThat(page.locator(".flash")).containsText("Snapshot");

			page.navigate(url("/inventory?drift=true"));
			Locator row = page.locator("#gmsas tr[data-gmsa='" + account + "']");
			assertThat(row.locator(".drift")).hasText("2 drift");
			assertThat(row.locator(".finding")).containsText("HIGH");
			assertThat(row.locator("a.run-link")).hasAttribute("href", "/runs/" + runId);
			page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
				.setPath(SCREENSHOTS.resolve("inventory-list.png")));

			row.locator("a").first().click();
			assertThat(page.locator("#gmsa-title")).containsText(account);
			assertThat(page.locator("#allowed")).containsText(name + "-hosts");
			assertThat(page.locator("#allowed")).containsText("Domain Computers");
			Locator spns = page.locator("#drift tr[data-kind=SPNS_CHANGED]");
			// the detail shows SPNs as AD compares them, lower case
			assertThat(spns).containsText("http/" + name + "-moved.lab.test");
			assertThat(spns.locator("a.run-link")).hasAttribute("href", "/runs/" + runId);
			assertThat(page.locator("#drift tr[data-kind=PRINCIPALS_CHANGED] a.run-link")).hasAttribute("href",
					"/runs/" + runId);
			assertThat(page.locator("#gmsa-findings")).containsText("HIGH");
			assertThat(page.locator("#gmsa-findings")).containsText("Domain Computers");
			page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
				.setPath(SCREENSHOTS.resolve("inventory-gmsa.png")));

			page.navigate(url("/inventory/charts"));
			assertThat(page.locator("figure.chart svg")).hasCount(3);
			page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
				.setPath(SCREENSHOTS.resolve("inventory-charts.png")));
		}
	}

	/** A portable, export-only gMSA provisioned through the engine, the setting this test starts from. */
	private String provision(String name) {
		ProvisioningRequest request = new ProvisioningRequest("lab", name, name + ".lab.test",
				List.of("HTTP/" + name + ".lab.test"), Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96),
				KdsRootKeyChoice.USE_EXISTING, name + "-hosts",
				new Hosts.Portable(name + "-ccg", KnownPlugin.KUBERNETES_SECRET.clsid(), "apps:" + name + "-ccg"),
				new Target.ExportOnly("apps", "webapp", name + "-spec"), "RITM0015");
		Plan plan = this.provisioning.plan(request);
		String runId = this.provisioning.start(plan, new Approval(plan.hash(), "admin", Instant.now(), null));
		assertThat(Waiting.forRun(this.provisioning, runId).state()).isEqualTo(RunState.SUCCEEDED);
		return runId;
	}

	/** samba-tool on the lab DC's own database: a change made outside the portal. */
	private static void samba(String... args) {
		Path sam = Path.of(LabServices.dc("GMSA_LAB_CA_FILE")).getParent().getParent().resolve("private/sam.ldb");
		String[] command = new String[args.length + 3];
		command[0] = "samba-tool";
		System.arraycopy(args, 0, command, 1, args.length);
		command[args.length + 1] = "-H";
		command[args.length + 2] = sam.toString();
		run(command);
	}

}
