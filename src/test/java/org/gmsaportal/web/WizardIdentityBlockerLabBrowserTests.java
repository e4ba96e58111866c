package org.gmsaportal.web;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
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
 * The identity step's early blockers in Chromium against the Samba lab DC: a gMSA name that is a computer
 * account's, and a name a portal run owns, are refused on the identity step itself, on the name's field, naming
 * the computer's DN or the run with its ticket and a link to it; the review is never reached. Saves
 * docs/screenshots/wizard-3-identity-blocker.png.
 */
class WizardIdentityBlockerLabBrowserTests extends LabWizardSupport {

	private static final Path SCREENSHOT = Path.of("docs", "screenshots", "wizard-3-identity-blocker.png");

	@Autowired
	ProvisioningService provisioning;

	@Test
	void theIdentityStepRefusesAComputersNameAndANameAPortalRunOwnsNamingThem() throws Exception {
		String computer = "W" + freshName("").substring(0, 8).toUpperCase(Locale.ROOT);
		String smbConf = Path.of(LabServices.dc("GMSA_LAB_CA_FILE")).getParent().getParent().resolve("etc/smb.conf")
			.toString();
		run("samba-tool", "computer", "add", computer, "-s", smbConf);
		String owned = freshName("ow");
		String owner = provisionOutsideTheWizard(owned, "RITM0300");

		try (BrowserContext context = LabServices.newContext(browser,
				new Browser.NewContextOptions().setViewportSize(1280, 800))) {
			Page page = signedInAtWizard(context);
			connectionsAndForest(page, "");

			page.locator("#gmsaName").fill(computer);
			page.locator("#dnsHostName").fill(computer.toLowerCase(Locale.ROOT) + ".lab.test");
			page.locator("#groupName").fill("WebApp Hosts " + computer.substring(1, 5));
			page.locator("#groupScope").selectOption("GLOBAL");
			page.locator("input[name=hostMode][value=DOMAIN_JOINED]").check();
			page.locator("#next").click();
			assertThat(page.locator("#gmsaName-error")).containsText("belongs to a computer account");
			assertThat(page.locator("#gmsaName-error")).containsText("CN=" + computer + ",CN=Computers,DC=lab,DC=test");
			assertThat(page.locator("#gmsaName-error")).not().containsText("allowed principal");
			assertThat(page.locator("#groupScope")).hasValue("GLOBAL");

			page.locator("#gmsaName").fill(owned);
			page.locator("#dnsHostName").fill(owned + ".lab.test");
			page.locator("#next").click();
			assertThat(page.locator("#gmsaName-error")).containsText("belongs to portal run " + owner);
			assertThat(page.locator("#gmsaName-error")).containsText("ticket RITM0300");
			assertThat(page.locator("#gmsaName-owner a")).hasAttribute("href", "/runs/" + owner);
			page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(SCREENSHOT));

			page.locator("#gmsaName-owner a").click();
			assertThat(page.locator("#run-state")).hasText("SUCCEEDED");
		}
	}

	private String provisionOutsideTheWizard(String name, String ticket) throws Exception {
		ProvisioningRequest request = new ProvisioningRequest("lab", name, name + ".lab.test", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, name + "-hosts",
				new Hosts.DomainJoined(List.of()), new Target.ExportOnly("apps", "webapp", name + "-spec"), ticket);
		Plan plan = this.provisioning.plan(request);
		String runId = this.provisioning.start(plan, new Approval(plan.hash(), "admin", Instant.now(), null));
		assertThat(Waiting.forRun(this.provisioning, runId).state()).isEqualTo(RunState.SUCCEEDED);
		return runId;
	}

}
