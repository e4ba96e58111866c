package org.gmsaportal.web;

import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.gmsaportal.audit.AuditRow;
import org.gmsaportal.credspec.SecretValue;
import org.gmsaportal.directory.AccountMaintenance;
import org.gmsaportal.directory.Directory;
import org.gmsaportal.directory.DirectoryConnection;
import org.gmsaportal.directory.DirectoryConnections;
import org.gmsaportal.support.LabServices;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole wizard in Debian's Chromium against the Samba lab DC through the real directory adapter and
 * a cluster reached through a kubeconfig: fabric8's mock API server, since a real one cannot run on these
 * machines. Non-domain-joined hosts with the Kubernetes-secret plug-in. Afterwards LDAP holds the group,
 * gMSA and portable user, the password shown once lets that user read msDS-ManagedPassword, the cluster
 * holds the credspec, role, binding and identity secret, and the audit chain verifies with every step
 * under the run id.
 */
class WizardLabBrowserTests extends LabWizardSupport {

	@Autowired
	DirectoryConnections connections;

	@Autowired
	AccountMaintenance accounts;

	@Autowired
	Directory directory;

	@Test
	void anAdminProvisionsAPortableIdentityOnTheLabDcThroughTheWizard() {
		String name = freshName("wz");
		String password;
		String runId;
		try (BrowserContext context = LabServices.newContext(browser, new Browser.NewContextOptions().setViewportSize(1280, 800))) {
			Page page = signedInAtWizard(context);
			connectionsAndForest(page, "mock");

			page.locator("#gmsaName").fill(name);
			page.locator("#dnsHostName").fill(name + ".lab.test");
			page.locator("#spns").fill("HTTP/" + name + ".lab.test");
			page.locator("#groupName").fill(name + "-hosts");
			page.locator("input[name=hostMode][value=PORTABLE]").check();
			page.locator("#portableUser").fill(name + "-ccg");
			page.locator("#plugin").selectOption("KUBERNETES_SECRET");
			page.locator("#pluginInput").fill("app-ns:" + name + "-ccg");
			// The walk a person delivers by hand: shown once (the store delivery has its own lab tests).
			page.locator("input[name=secretDelivery][value=MANUAL]").check();
			page.locator("#ticketRef").fill("RITM0042");
			page.locator("#next").click();

			// The credential spec preview is generated from the lab DC's own facts.
			assertThat(page.locator("#credspec-json")).containsText("\"NetBiosName\": \"LAB\"");
			page.locator("#next").click();

			cluster(page, "app-ns", "webapp-sa", name + "-spec");

			// The plan names the real DNs the lab DC will get, read from the DC itself.
			assertThat(page.locator("#plan-steps")).containsText("CN=" + name + ",CN=Managed Service Accounts,DC=lab,DC=test");
			page.locator("#reason").fill("CAB-7 approved the web farm's identity");
			runId = runAndAwaitSuccess(page);
			// The approval's reason is shown with the run, not only stored.
			assertThat(page.locator("#approval-reason")).hasText("CAB-7 approved the web farm's identity");
			page.locator("#reveal-password").click();
			Locator secret = page.locator("#password-value");
			assertThat(secret).isVisible();
			password = secret.textContent().strip();
		}

		DirectoryConnection lab = this.connections.find("lab").orElseThrow();
		assertThat(this.accounts.find(lab, "group", name + "-hosts")).isPresent();
		assertThat(this.accounts.find(lab, "gMSA", name)).isPresent();
		assertThat(this.accounts.find(lab, "user", name + "-ccg")).isPresent();
		// Read from the DC's own database, not through the portal: the group holds exactly the portable user.
		assertThat(ldb("(sAMAccountName=" + name + "-hosts)", "member"))
			.containsExactly("CN=" + name + "-ccg,CN=Users,DC=lab,DC=test");
		// The password the page showed once is the one the DC holds, and it can retrieve the gMSA's password.
		assertThat(this.directory.proveRetrieval("lab", name, name + "-ccg", SecretValue.of(password), null).result())
			.isEqualTo(Directory.Result.ALREADY_AS_REQUESTED);

		List<AuditRow> events = eventsOf(runId);
		assertThat(events).extracting(AuditRow::action)
			.contains("directory.group.ensure", "directory.gmsa.ensure", "directory.user.ensure",
					"directory.group-membership.ensure", "directory.gmsa.password-proof");
		assertThat(events).extracting(AuditRow::details).noneMatch(d -> d.contains(password));
		// Facts about secrets are an auditor's, so they are kept; only secrets are redacted.
		assertThat(events).filteredOn(e -> e.action().equals("directory.gmsa.ensure"))
			.anySatisfy(e -> assertThat(e.details()).contains("\"msDS-ManagedPasswordInterval\":30"));
		assertThat(events).filteredOn(e -> e.action().equals("directory.gmsa.password-proof"))
			.anySatisfy(e -> assertThat(e.details()).contains("\"previousPasswordPresent\":")
				.contains("\"currentPasswordBytes\":").doesNotContain("[REDACTED]"));
		assertThat(events).extracting(AuditRow::action).contains("cluster.object.apply");
		assertThat(events).filteredOn(e -> e.action().equals("provisioning.run.started")).singleElement()
			.satisfies(e -> assertThat(e.details()).contains("\"reason\":\"CAB-7 approved the web farm's identity\""));
		assertThat(this.auditLog.verify().intact()).isTrue();

		assertThat(CLUSTER.client.genericKubernetesResources("windows.k8s.io/v1", "GMSACredentialSpec")
			.withName(name + "-spec").get()).isNotNull();
		assertThat(CLUSTER.client.rbac().clusterRoles().withName(name + "-spec-gmsa-use").get().getRules())
			.singleElement()
			.satisfies((rule) -> assertThat(rule.getResourceNames()).containsExactly(name + "-spec"));
		assertThat(CLUSTER.client.rbac().roleBindings().inNamespace("app-ns").list().getItems())
			.anyMatch(b -> b.getRoleRef().getName().equals(name + "-spec-gmsa-use"));
		assertThat(CLUSTER.client.secrets().inNamespace("app-ns").withName(name + "-ccg").get()).isNotNull();
		anAuditorSeesTheRunButCannotOpenItsDecommissionForm(runId);
	}

	/** An auditor signed in through the lab DC reads the run; the page that exists to change it is refused. */
	private void anAuditorSeesTheRunButCannotOpenItsDecommissionForm(String runId) {
		try (BrowserContext context = LabServices.newContext(browser, new Browser.NewContextOptions())) {
			Page page = signedIn(context, LabServices.dc("GMSA_LAB_AUDITOR"), LabServices.dc("GMSA_LAB_AUDITOR_PASSWORD"));
			page.navigate(url("/runs/" + runId));
			assertThat(page.locator("#run-state")).hasText("SUCCEEDED");
			assertThat(page.locator("#decommission")).hasCount(0);
			assertThat(page.navigate(url("/runs/" + runId + "/decommission")).status()).isEqualTo(403);
			assertThat(page.locator("#decommission-form")).hasCount(0);
		}
	}

}
