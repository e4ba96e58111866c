package org.gmsaportal.web;

import java.nio.file.Path;
import java.util.Locale;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.gmsaportal.support.LabServices;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The wizard's workload picker and the review of each picked workload's dry-run diff, in Debian's Chromium against
 * the Samba lab DC and cluster connection {@code mock}: fabric8's mock API server with a few Deployments created in
 * it, since no real API server can run on these machines (the mock merges server-side apply dry runs but keeps no
 * field ownership, so a conflict is shown by the review's slice test, not here). Nothing is approved: the walk ends
 * at the review, and the draft is discarded.
 */
class WorkloadPickerLabBrowserTests extends LabWizardSupport {

	@Test
	void anAdminPicksTwoOfTheNamespacesDeploymentsAndTheReviewShowsEachDryRunDiff() {
		String name = freshName("wp");
		String namespace = name.toLowerCase(Locale.ROOT) + "-ns";
		CLUSTER.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
			.build()).create();
		for (String deployment : new String[] { "web", "web-admin", "billing" }) {
			CLUSTER.client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
				.withNewMetadata().withName(deployment).endMetadata()
				.withNewSpec().withNewSelector().addToMatchLabels("app", deployment).endSelector()
				.withNewTemplate().withNewMetadata().addToLabels("app", deployment).endMetadata()
				.withNewSpec().addNewContainer().withName("app")
				.withImage("mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022").endContainer()
				.endSpec().endTemplate().endSpec().build()).create();
		}
		try (BrowserContext context = LabServices.newContext(browser,
				new Browser.NewContextOptions().setViewportSize(1280, 900))) {
			Page page = signedInAtWizard(context);
			connectionsAndForest(page, "mock");
			page.locator("#gmsaName").fill(name);
			page.locator("#dnsHostName").fill(name + ".lab.test");
			page.locator("#spns").fill("HTTP/" + name + ".lab.test");
			page.locator("#groupName").fill(name + "-hosts");
			page.locator("input[name=hostMode][value=PORTABLE]").check();
			page.locator("#portableUser").fill(name + "-ccg");
			page.locator("#plugin").selectOption("KUBERNETES_SECRET");
			page.locator("#pluginInput").fill(namespace + ":" + name + "-ccg");
			// Manual delivery: on main the identity page checks a portal-written Secret against an export stand-in
			// target and refuses it (see SecretDeliveryWizardTests); the secret is not what this test is about.
			page.locator("input[name=secretDelivery][value=MANUAL]").check();
			page.locator("#next").click();
			// The next page before the next click: a click does not wait for the navigation it starts.
			assertThat(page.locator("#credspec-json")).containsText("\"NetBiosName\": \"LAB\"");
			page.locator("#next").click();
			assertThat(page.locator("#workload-picker")).isVisible();

			page.locator("#namespace").fill(namespace);
			page.locator("#serviceAccount").fill("webapp-sa");
			page.locator("#credSpecName").fill(name.toLowerCase(Locale.ROOT) + "-spec");
			page.locator("#workloadFilter").fill("web");
			page.locator("#list-workloads").click();
			// The filter keeps billing out; both web Deployments are listed with what they run as now.
			assertThat(page.locator("#workload-list tbody tr")).hasCount(2);
			assertThat(page.locator("#workload-list")).containsText("Deployment/web-admin");
			page.locator("#pick-Deployment-web").check();
			page.locator("#sa-Deployment-web").check();
			page.locator("#pick-Deployment-web-admin").check();
			page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
				.setPath(Path.of("docs", "screenshots", "workload-picker.png")));
			page.locator("#next").click();

			assertThat(page.locator("#workload-review article")).hasCount(2);
			assertThat(page.locator("#workload-review article[data-workload='Deployment/web'] pre.diff"))
				.containsText("gmsaCredentialSpecName");
			assertThat(page.locator("#workload-review article[data-workload='Deployment/web'] pre.diff"))
				.containsText("/spec/template/spec/serviceAccountName: \"webapp-sa\"");
			assertThat(page.locator("#workload-review article[data-workload='Deployment/web-admin'] pre.diff"))
				.not().containsText("serviceAccountName");
			assertThat(page.locator("#plan-steps")).containsText("PATCH_WORKLOAD");
			page.locator("#workload-review").scrollIntoViewIfNeeded();
			page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
				.setPath(Path.of("docs", "screenshots", "workload-review-diff.png")));
			page.locator("#cancel").click();
		}
	}

}
