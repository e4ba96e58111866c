package org.gmsaportal.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import org.gmsaportal.audit.AuditLog;
import org.gmsaportal.audit.AuditPage;
import org.gmsaportal.audit.AuditQuery;
import org.gmsaportal.audit.AuditRow;
import org.gmsaportal.cluster.MockCluster;
import org.gmsaportal.directory.AccountMaintenance;
import org.gmsaportal.directory.DirectoryConnection;
import org.gmsaportal.directory.DirectoryConnections;
import org.gmsaportal.directory.PasswordRetrievalProof;
import org.gmsaportal.support.LabServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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
class WizardLabBrowserTests extends PortalServerSupport {

	private static Playwright playwright;

	private static Browser browser;

	private static MockCluster cluster;

	private static Path kubeconfig;

	@Autowired
	DirectoryConnections connections;

	@Autowired
	AccountMaintenance accounts;

	@Autowired
	PasswordRetrievalProof proof;

	@Autowired
	AuditLog auditLog;

	@DynamicPropertySource
	static void serviceAccount(DynamicPropertyRegistry registry) {
		registry.add("gmsa.directory.connections.lab.bind-user", () -> LabServices.valueOrEmpty("GMSA_LAB_DOMAIN_ADMIN"));
		registry.add("gmsa.directory.connections.lab.bind-password",
				() -> LabServices.valueOrEmpty("GMSA_LAB_DOMAIN_ADMIN_PASSWORD"));
		registry.add("gmsa.cluster.connections.mock.kubeconfig", () -> kubeconfig.toString());
	}

	@BeforeAll
	static void startCluster() throws IOException {
		cluster = MockCluster.start().with("gmsa-crd.yaml").with("gmsa-webhook.yaml").with("nodes.yaml").with("coredns.yaml");
		cluster.server.expect().post().withPath("/apis/authorization.k8s.io/v1/subjectaccessreviews")
			.andReturn(201, new SubjectAccessReviewBuilder().withNewStatus().withAllowed(false).endStatus().build())
			.always();
		kubeconfig = Files.createTempFile("gmsa-mock", ".kubeconfig");
		Files.writeString(kubeconfig, """
				apiVersion: v1
				kind: Config
				clusters:
				- name: mock
				  cluster: {server: "%s", insecure-skip-tls-verify: true}
				users:
				- name: portal
				  user: {token: mock-token}
				contexts:
				- name: mock
				  context: {cluster: mock, user: portal}
				current-context: mock
				""".formatted(cluster.client.getMasterUrl()));
	}

	@BeforeAll
	static void launchChromium() {
		playwright = Playwright.create();
		browser = LabServices.launchChromium(playwright);
	}

	@AfterAll
	static void closeChromiumAndCluster() throws IOException {
		if (playwright != null) {
			playwright.close();
		}
		if (cluster != null) {
			cluster.close();
		}
		if (kubeconfig != null) {
			Files.deleteIfExists(kubeconfig);
		}
	}

	@Test
	void anAdminProvisionsAPortableIdentityOnTheLabDcThroughTheWizard() {
		String name = "wz" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
		String password;
		String runId;
		try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800))) {
			Page page = context.newPage();
			page.navigate(url("/"));
			page.getByLabel("User name").fill("admin");
			page.getByLabel("Password").fill("test-admin-password");
			page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
					new Page.GetByRoleOptions().setName("Sign in")).click();

			page.navigate(url("/wizard"));
			// The live status comes from the lab DC itself, and from the cluster once it is chosen.
			assertThat(page.locator("#directory-domain")).hasText("lab.test (LAB)");
			assertThat(page.locator("#directory-transport")).hasText("LDAPS");
			page.locator("input[name=directoryConnection][value=lab]").check();
			page.locator("input[name=clusterConnection][value=mock]").check();
			page.locator("#check-status").click();
			assertThat(page.locator("#cluster-status-ok")).containsText("The API server answers, Kubernetes");
			page.locator("#next").click();
			page.locator("input[name=kdsRootKey][value=USE_EXISTING]").check();
			page.locator("#next").click();

			page.locator("#gmsaName").fill(name);
			page.locator("#dnsHostName").fill(name + ".lab.test");
			page.locator("#spns").fill("HTTP/" + name + ".lab.test");
			page.locator("#groupName").fill(name + "-hosts");
			page.locator("input[name=hostMode][value=PORTABLE]").check();
			page.locator("#portableUser").fill(name + "-ccg");
			page.locator("#plugin").selectOption("KUBERNETES_SECRET");
			page.locator("#pluginInput").fill("app-ns:" + name + "-ccg");
			page.locator("#ticketRef").fill("RITM0042");
			page.locator("#next").click();

			// The credential spec preview is generated from the lab DC's own facts.
			assertThat(page.locator("#credspec-json")).containsText("\"NetBiosName\": \"LAB\"");
			page.locator("#next").click();

			page.locator("#namespace").fill("app-ns");
			page.locator("#serviceAccount").fill("webapp-sa");
			page.locator("#credSpecName").fill(name + "-spec");
			page.locator("#run-preflight").click();
			assertThat(page.locator("#preflight-checks tr[data-check=crd]")).containsText("PASS");
			page.locator("#next").click();

			// The plan names the real DNs the lab DC will get, read from the DC itself.
			assertThat(page.locator("#plan-steps")).containsText("CN=" + name + ",CN=Managed Service Accounts,DC=lab,DC=test");
			page.locator("#run").click();

			assertThat(page.locator("#run-state")).hasText("SUCCEEDED", new LocatorAssertions.HasTextOptions().setTimeout(60_000));
			page.locator("#reveal-password").click(new Locator.ClickOptions().setTimeout(15_000));
			Locator secret = page.locator("#portable-password code");
			assertThat(secret).isVisible();
			password = secret.textContent().strip();
			// After POST /runs/{id}/password: the run id is the path segment before "password".
			String[] path = page.url().split("/");
			runId = path[path.length - 2];
		}

		DirectoryConnection lab = this.connections.find("lab").orElseThrow();
		assertThat(this.accounts.find(lab, "group", name + "-hosts")).isPresent();
		assertThat(this.accounts.find(lab, "gMSA", name)).isPresent();
		assertThat(this.accounts.find(lab, "user", name + "-ccg")).isPresent();
		// The password the page showed once is the one the DC holds, and it can retrieve the gMSA's password.
		assertThat(this.proof.prove(lab, name, name + "-ccg", password.toCharArray()).retrieved()).isTrue();

		AuditPage events = this.auditLog.search(new AuditQuery(null, null, null, null, null, null, runId), 0, 500);
		assertThat(events.events()).extracting(AuditRow::action)
			.contains("directory.group.ensure", "directory.gmsa.ensure", "directory.user.ensure",
					"directory.group-membership.ensure", "directory.gmsa.password-proof");
		assertThat(events.events()).extracting(AuditRow::details).noneMatch(d -> d.contains(password));
		assertThat(events.events()).extracting(AuditRow::action).contains("cluster.object.apply");
		assertThat(this.auditLog.verify().intact()).isTrue();

		assertThat(cluster.client.genericKubernetesResources("windows.k8s.io/v1", "GMSACredentialSpec")
			.withName(name + "-spec").get()).isNotNull();
		assertThat(cluster.client.rbac().roleBindings().inNamespace("app-ns").list().getItems())
			.anyMatch(b -> b.getRoleRef().getName().contains(name));
		assertThat(cluster.client.secrets().inNamespace("app-ns").withName(name + "-ccg").get()).isNotNull();
	}

}
