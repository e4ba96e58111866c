package org.gmsaportal.web;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
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
 * The pages people come back to (issue 19), in Chromium: a run of the Samba lab DC with 50 more audit events of its
 * own, long values among their details, stays under 2,500 px tall on its page and on the audit page at 1366 px, and
 * neither page is wider than the viewport at 1366 px or 390 px. Takes the run and audit screenshots of the README.
 */
class RunAndAuditPagesLabBrowserTests extends LabWizardSupport {

	private static final Path SCREENSHOTS = Path.of("docs", "screenshots");

	private static final int TALLEST = 2500;

	@Autowired
	ProvisioningService provisioning;

	@Autowired
	AuditTrail trail;

	@Test
	void aRunWithFiftyEventsAndTheAuditPageStayCompactAndNeverScrollSideways() {
		String name = freshName("pg");
		String runId = start(name);
		try (BrowserContext context = LabServices.newContext(browser,
				new Browser.NewContextOptions().setViewportSize(1366, 800))) {
			Page page = signedIn(context, "admin", "test-admin-password");
			page.navigate(url("/runs/" + runId));
			// Caught while it runs, the page shows how far it got; a fast DC may have finished it already.
			if (page.locator("#run-state").textContent().strip().equals("RUNNING")) {
				assertThat(page.locator("#run-progress-count")).containsText("steps done");
				page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
					.setPath(SCREENSHOTS.resolve("run-running.png")));
			}
			assertThat(Waiting.forRun(this.provisioning, runId).state()).isEqualTo(RunState.SUCCEEDED);
			recordEvents(runId, name, 50);
			// The trail holds at least 200 events whatever ran before: the audit page as a busy portal shows it.
			recordEvents(null, name, 150);

			page.navigate(url("/runs/" + runId));
			assertThat(page.locator("#run-state")).hasText("SUCCEEDED");
			assertThat(page.locator("#run-events > tbody > tr")).hasCount(eventsOf(runId).size());
			assertThat(page.locator("#run-events > tbody > tr")).not().hasCount(0);
			// The details open into key/value rows; a long value shows its start and opens to the whole.
			page.locator("#run-events tr:has-text('ui.page.check') .kv-details > summary").first().click();
			assertThat(page.locator("#run-events .kv-details[open] th").first()).isVisible();
			assertThat(page.locator("#run-events .kv-details[open] details.kv-long > summary").first())
				.containsText("\u2026");
			page.locator("#run-events .kv-details[open] > summary").first().click();
			page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
				.setPath(SCREENSHOTS.resolve("run-finished.png")));
			assertThat(height(page)).as("run page height at 1366 px").isLessThan(TALLEST);
			assertThat(overflow(page)).as("run page wider than 1366 px").isZero();

			page.navigate(url("/audit"));
			assertThat(page.locator("#audit-events > tbody > tr")).hasCount(50);
			assertThat(page.locator("#chain-status")).isVisible();
			page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
				.setPath(SCREENSHOTS.resolve("audit-200-events.png")));
			assertThat(height(page)).as("audit page height at 1366 px").isLessThan(TALLEST);
			assertThat(overflow(page)).as("audit page wider than 1366 px").isZero();

			// One event on its page, and back to the same filtered list.
			page.navigate(url("/audit?correlationId=" + runId));
			page.locator("#audit-events > tbody > tr a.event-link").first().click();
			assertThat(page.locator("#event-details th").first()).isVisible();
			assertThat(overflow(page)).as("event page wider than 1366 px").isZero();
			page.locator("#event-back").click();
			assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/audit\\?correlationId=" + runId));

			page.setViewportSize(390, 844);
			for (String path : List.of("/runs/" + runId, "/audit", "/audit?correlationId=" + runId)) {
				page.navigate(url(path));
				assertThat(overflow(page)).as("%s wider than 390 px", path).isZero();
			}
		}
	}

	/** A portable, export-only gMSA of the lab DC, started through the engine (as the wizard's review does). */
	private String start(String name) {
		ProvisioningRequest request = new ProvisioningRequest("lab", name, name + ".lab.test",
				List.of("HTTP/" + name + ".lab.test"), Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96),
				KdsRootKeyChoice.USE_EXISTING, name + "-hosts",
				new Hosts.Portable(name + "-ccg", KnownPlugin.KUBERNETES_SECRET.clsid(), "apps:" + name + "-ccg"),
				new Target.ExportOnly("apps", "webapp", name + "-spec"), "RITM0019");
		Plan plan = this.provisioning.plan(request);
		return this.provisioning.start(plan,
				new Approval(plan.hash(), "admin", Instant.now(), "CAB-19: the run page with many events"));
	}

	/** Events with the details real ones carry: a DN, a list, a nested object and a long problem text. */
	private void recordEvents(String runId, String name, int count) {
		for (int i = 0; i < count; i++) {
			this.trail.record(AuditEvent.of("ui.page.check", "CN=" + name + ",CN=Managed Service Accounts,DC=lab,DC=test",
					(i % 7 == 0) ? AuditOutcome.FAILURE : AuditOutcome.SUCCESS)
				.withDetails(Map.of("attempt", i, "spns", List.of("HTTP/" + name + ".lab.test", "HOST/" + name),
						"checkpoint", Map.of("seq", 1000 + i, "file", "/var/lib/gmsa/checkpoints/checkpoint-" + i),
						"problem", "The directory refused the change: " + "0000209A: SecErr: DSID-03152857, problem "
								+ "4003 (INSUFF_ACCESS_RIGHTS), data 0 ".repeat(4)))
				.withCorrelation(runId, (runId != null) ? "RITM0019" : null));
		}
	}

	private static int height(Page page) {
		return ((Number) page.evaluate("document.documentElement.scrollHeight")).intValue();
	}

	/** How many pixels the page is wider than its viewport. */
	private static int overflow(Page page) {
		return ((Number) page.evaluate("document.documentElement.scrollWidth - window.innerWidth")).intValue();
	}

}
