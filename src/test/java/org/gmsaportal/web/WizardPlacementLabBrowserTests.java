package org.gmsaportal.web;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.gmsaportal.directory.LabOus;
import org.gmsaportal.support.LabServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OU choice on the wizard's identity step, in Chromium against the Samba lab DC (export only, so no cluster
 * is touched): an OU that does not exist is refused on its field, naming the DN; the review shows the full DN of
 * every object and the -Path of each command; the run puts the objects there, described by run and ticket. The
 * OUs are created over LDAP by the test.
 */
class WizardPlacementLabBrowserTests extends LabWizardSupport {

	private static final Path SCREENSHOTS = Path.of("docs", "screenshots");

	private static final String TREE = "OU=Wizard" + UUID.randomUUID().toString().substring(0, 8);

	@BeforeAll
	static void createOus() {
		LabServices.dc("GMSA_LAB_LDAPS_URL");
		LabOus.create(tree());
		for (String ou : List.of("Groups", "ServiceAccounts", "Users")) {
			LabOus.create("OU=" + ou + "," + tree());
		}
	}

	private static String tree() {
		return TREE + "," + LabOus.baseDn();
	}

	@Test
	void theAdminChoosesOusOnTheIdentityStepAndTheReviewAndTheDirectoryShowThem() {
		String name = freshName("ou");
		String groups = "OU=Groups," + tree();
		String gmsas = "OU=ServiceAccounts," + tree();
		String users = "OU=Users," + tree();
		String missing = "OU=NoSuchOu," + tree();
		String runId;
		try (BrowserContext context = LabServices.newContext(browser,
				new Browser.NewContextOptions().setViewportSize(1280, 800))) {
			Page page = signedInAtWizard(context);
			connectionsAndForest(page, "");

			page.locator("#gmsaName").fill(name);
			page.locator("#dnsHostName").fill(name + ".lab.test");
			page.locator("#groupName").fill(name + "-hosts");
			page.locator("input[name=hostMode][value=PORTABLE]").check();
			page.locator("#portableUser").fill(name + "-ccg");
			page.locator("#plugin").selectOption("KUBERNETES_SECRET");
			page.locator("#pluginInput").fill("apps:" + name + "-ccg");
			// An export: the Secret goes into the bundle for a person to apply.
			page.locator("input[name=secretDelivery][value=MANUAL]").check();
			page.locator("#ticketRef").fill("RITM0404");
			page.locator("[id='placement.groupOu']").fill(groups);
			page.locator("[id='placement.gmsaOu']").fill(missing);
			page.locator("[id='placement.userOu']").fill(users);
			page.locator("#next").click();

			// Refused where it was typed, naming the DN, before any review.
			assertThat(page.locator("[id='placement.gmsaOu-error']")).containsText(missing);
			assertThat(page.locator("[id='placement.gmsaOu-error']")).containsText("does not exist");
			assertThat(page.locator("[id='placement.groupOu-error']")).hasCount(0);

			page.locator("[id='placement.gmsaOu']").fill(gmsas);
			page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
				.setPath(SCREENSHOTS.resolve("wizard-3-identity-ou.png")));
			page.locator("#next").click();
			page.locator("#next").click();
			exportTarget(page, "apps", "webapp", name + "-spec");

			// The review names each object's full DN and the command's -Path and -Description.
			assertThat(page.locator("#plan-steps")).containsText("Create group CN=" + name + "-hosts," + groups);
			assertThat(page.locator("#plan-steps")).containsText("Create gMSA CN=" + name + "," + gmsas);
			assertThat(page.locator("#plan-steps")).containsText("Create user CN=" + name + "-ccg," + users);
			assertThat(page.locator("#plan-steps")).containsText("-Path '" + gmsas + "'");
			assertThat(page.locator("#plan-steps"))
				.containsText("-Description 'Created by gMSA Portal run <run id> for ticket RITM0404'");
			runId = runAndAwaitSuccess(page);
		}

		for (String dn : List.of("CN=" + name + "-hosts," + groups, "CN=" + name + "," + gmsas,
				"CN=" + name + "-ccg," + users)) {
			assertThat(LabOus.attribute(dn, "description")).as(dn)
				.isEqualTo("Created by gMSA Portal run " + runId + " for ticket RITM0404");
		}
	}

}
