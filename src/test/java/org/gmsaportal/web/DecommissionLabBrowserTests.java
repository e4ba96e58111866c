package org.gmsaportal.web;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
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
 * A decommission the Samba lab DC blocks, walked in Chromium: someone added a member to the run's group outside the
 * portal, so the decommission run needs attention on its page and on the dashboards; the admin takes the member out
 * (in the DC itself, the test's outside action), clicks Resume, and the run ends succeeded with the group gone and the
 * provisioning run decommissioned. Saves docs/screenshots/decommission-needs-attention.png and
 * decommission-resumed.png.
 */
class DecommissionLabBrowserTests extends LabWizardSupport {

	private static final Path SCREENSHOTS = Path.of("docs", "screenshots");

	@Autowired
	ProvisioningService provisioning;

	@Test
	void aDecommissionBlockedByAForeignMemberNeedsAttentionAndSucceedsOnceResumed() {
		String name = freshName("dn");
		String group = name + "-hosts";
		String outsider = LabServices.dc("GMSA_LAB_OUTSIDER");
		String provisioned = provision(name);
		samba("group", "addmembers", group, outsider);
		String decommission;
		try (BrowserContext context = LabServices.newContext(browser,
				new Browser.NewContextOptions().setViewportSize(1280, 800))) {
			Page page = signedInAtWizard(context);
			page.navigate(url("/runs/" + provisioned));
			page.locator("#decommission").click();
			page.locator("#confirmName").fill(name);
			page.locator("#decommission-run").click();

			// Once the run stops, the page reloads with what the admin can do about it.
			assertThat(page.locator("#run-attention")).isVisible();
			decommission = page.url().substring(page.url().lastIndexOf('/') + 1);
			assertThat(page.locator("#run-state")).hasText("NEEDS_ATTENTION");
			assertThat(page.locator("#run-failure")).containsText("REMOVE_GROUP");
			assertThat(page.locator("#run-steps tr:has-text('REMOVE_GROUP') .step-state")).hasText("NEEDS_ATTENTION");
			assertThat(page.locator("#run-steps tr:has-text('REMOVE_GROUP') .step-detail"))
				.containsText("still has members (CN=" + outsider + ",");
			assertThat(page.locator("#resume")).isVisible();
			page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
				.setPath(SCREENSHOTS.resolve("decommission-needs-attention.png")));

			page.navigate(url("/dashboards"));
			assertThat(page.locator("#attention tr[data-run='" + decommission + "']")).containsText("NEEDS_ATTENTION");
			page.navigate(url("/runs?state=NEEDS_ATTENTION&name=" + name));
			assertThat(page.locator("#runs tbody tr")).hasCount(1);
			page.navigate(url("/runs/" + provisioned));
			assertThat(page.locator("#run-state")).hasText("SUCCEEDED");

			// The admin removes the blocker where it was made, in the directory, then resumes.
			samba("group", "removemembers", group, outsider);
			page.navigate(url("/runs/" + decommission));
			page.locator("#resume").click();
			assertThat(page.locator("#run-state")).hasText("SUCCEEDED");
			// The page reloads once the run finished: no Resume any more, no attention box.
			assertThat(page.locator("#resume")).hasCount(0);
			assertThat(page.locator("#run-attention")).hasCount(0);
			assertThat(page.locator("#run-steps tr:has-text('REMOVE_GROUP') .step-state")).hasText("SUCCEEDED");
			page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
				.setPath(SCREENSHOTS.resolve("decommission-resumed.png")));

			page.navigate(url("/dashboards"));
			assertThat(page.locator("#attention tr[data-run='" + decommission + "']")).hasCount(0);
			page.navigate(url("/runs/" + provisioned));
			assertThat(page.locator("#run-state")).hasText("DECOMMISSIONED");
		}
		// Read from the DC's own database: the group is gone.
		assertThat(ldb("(sAMAccountName=" + group + ")", "distinguishedName")).isEmpty();
		assertThat(this.provisioning.run(decommission).orElseThrow().state()).isEqualTo(RunState.SUCCEEDED);
	}

	/** A portable, export-only gMSA provisioned through the engine, the setting this test starts from. */
	private String provision(String name) {
		ProvisioningRequest request = new ProvisioningRequest("lab", name, name + ".lab.test",
				List.of("HTTP/" + name + ".lab.test"), Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96),
				KdsRootKeyChoice.USE_EXISTING, name + "-hosts",
				new Hosts.Portable(name + "-ccg", KnownPlugin.KUBERNETES_SECRET.clsid(), "apps:" + name + "-ccg"),
				new Target.ExportOnly("apps", "webapp", name + "-spec"), "RITM0012");
		Plan plan = this.provisioning.plan(request);
		String runId = this.provisioning.start(plan, new Approval(plan.hash(), "admin", Instant.now(), null));
		assertThat(Waiting.forRun(this.provisioning, runId).state()).isEqualTo(RunState.SUCCEEDED);
		return runId;
	}

	/** samba-tool against the lab DC's own configuration: a change made outside the portal. */
	private static void samba(String... args) {
		Path conf = Path.of(LabServices.dc("GMSA_LAB_CA_FILE")).getParent().getParent().resolve("etc/smb.conf");
		String[] command = new String[args.length + 3];
		command[0] = "samba-tool";
		System.arraycopy(args, 0, command, 1, args.length);
		command[args.length + 1] = "-s";
		command[args.length + 2] = conf.toString();
		run(command);
	}

}
