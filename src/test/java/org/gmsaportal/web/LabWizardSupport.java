package org.gmsaportal.web;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import org.gmsaportal.audit.AuditLog;
import org.gmsaportal.audit.AuditQuery;
import org.gmsaportal.audit.AuditRow;
import org.gmsaportal.support.LabServices;
import org.gmsaportal.support.MockCluster;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * What the wizard walks in Chromium against the Samba lab DC share: the portal binds as the lab's domain
 * Administrator, and cluster connection {@code mock} reaches fabric8's mock API server through a kubeconfig
 * (a real API server cannot run on these machines). One mock server for the whole JVM, so that the test
 * classes share one Spring context; each walk uses fresh names, so they do not see each other's objects.
 */
abstract class LabWizardSupport extends PortalServerSupport {

	static final MockCluster CLUSTER = startCluster();

	private static @Nullable Playwright playwright;

	static Browser browser;

	@Autowired
	AuditLog auditLog;

	@DynamicPropertySource
	static void serviceAccountAndCluster(DynamicPropertyRegistry registry) {
		registry.add("gmsa.directory.connections.lab.bind-user", () -> LabServices.valueOrEmpty("GMSA_LAB_DOMAIN_ADMIN"));
		registry.add("gmsa.directory.connections.lab.bind-password",
				() -> LabServices.valueOrEmpty("GMSA_LAB_DOMAIN_ADMIN_PASSWORD"));
		registry.add("gmsa.cluster.connections.mock.kubeconfig", () -> CLUSTER.kubeconfig().toString());
	}

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

	/** A fresh gMSA name: at most 15 characters, unique per walk. */
	static String freshName(String prefix) {
		return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
	}

	/** A browser page signed in as the bootstrap admin, at the wizard's first step with no draft. */
	Page signedInAtWizard(BrowserContext context) {
		Page page = signedIn(context, "admin", "test-admin-password");
		page.navigate(url("/wizard"));
		// Drafts outlive sign-outs: a walk that failed earlier in this context must not leak into this one.
		page.locator("#cancel").click();
		return page;
	}

	/** A browser page signed in as the given user, at the overview. */
	Page signedIn(BrowserContext context, String user, String password) {
		Page page = context.newPage();
		page.navigate(url("/"));
		page.getByLabel("User name").fill(user);
		page.getByLabel("Password").fill(password);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		return page;
	}

	/** Steps 1 and 2: the lab directory, the given cluster connection (empty: export only), the existing KDS key. */
	static void connectionsAndForest(Page page, String clusterConnection) {
		// The live status comes from the lab DC itself, and from the cluster once it is chosen.
		assertThat(page.locator("#directory-domain")).hasText("lab.test (LAB)");
		assertThat(page.locator("#directory-transport")).hasText("LDAPS");
		page.locator("input[name=directoryConnection][value=lab]").check();
		page.locator("input[name=clusterConnection][value='" + clusterConnection + "']").check();
		if (!clusterConnection.isEmpty()) {
			page.locator("#check-status").click();
			assertThat(page.locator("#cluster-status-ok")).containsText("The API server answers, Kubernetes");
		}
		page.locator("#next").click();
		// The forest step reads the lab DC's KDS root keys: one exists, with when it was created and when DCs
		// could use it (Samba's provision backdates it, so both are in the past), and nothing is to be created.
		assertThat(page.locator("#kds-state")).containsText("A key exists and domain controllers use it");
		assertThat(page.locator("#kds-keys tbody tr")).hasCount(1);
		assertThat(page.locator("#kds-keys time.kds-created")).hasAttribute("datetime",
				java.util.regex.Pattern.compile("\\d{4}-\\d\\d-\\d\\dT.*Z"));
		assertThat(page.locator("#kds-keys time.kds-usable-from")).hasAttribute("datetime",
				java.util.regex.Pattern.compile("\\d{4}-\\d\\d-\\d\\dT.*Z"));
		page.locator("input[name=kdsRootKey][value=USE_EXISTING]").check();
		page.locator("#next").click();
	}

	/** Step 5: namespace, service account and credspec resource name, and a passing cluster preflight. */
	static void cluster(Page page, String namespace, String serviceAccount, String credSpecName) {
		fillTarget(page, namespace, serviceAccount, credSpecName);
		page.locator("#run-preflight").click();
		assertThat(page.locator("#preflight-checks tr[data-check=crd]")).containsText("PASS");
		page.locator("#next").click();
	}

	/** Step 5 for export only: the same fields, and no cluster preflight, since no cluster is touched. */
	static void exportTarget(Page page, String namespace, String serviceAccount, String credSpecName) {
		fillTarget(page, namespace, serviceAccount, credSpecName);
		assertThat(page.locator("#run-preflight")).hasCount(0);
		page.locator("#next").click();
	}

	private static void fillTarget(Page page, String namespace, String serviceAccount, String credSpecName) {
		page.locator("#namespace").fill(namespace);
		page.locator("#serviceAccount").fill(serviceAccount);
		page.locator("#credSpecName").fill(credSpecName);
	}

	/** Steps 6 and 7: approves the plan shown, waits for the run to succeed and returns its id. */
	static String runAndAwaitSuccess(Page page) {
		page.locator("#run").click();
		assertThat(page.locator("#run-state")).not().hasText("RUNNING");
		org.assertj.core.api.Assertions.assertThat(page.locator("#run-state").textContent())
			.as("run failure: %s", page.locator("#run-failure").textContent()).isEqualTo("SUCCEEDED");
		// The run page is /runs/{id}.
		return page.url().substring(page.url().lastIndexOf('/') + 1);
	}

	/** The audit events the run wrote under its id as correlation id. */
	List<AuditRow> eventsOf(String runId) {
		return this.auditLog.search(new AuditQuery(null, null, null, null, null, null, runId), 0, 500).events();
	}

	/**
	 * Attributes of one lab DC object as Samba's ldbsearch reads them from the DC's own database (security
	 * descriptors decoded to SDDL): the baseline the portal's work is checked against, not the portal's own reads.
	 */
	static List<String> ldb(String filter, String attribute) {
		Path sam = Path.of(LabServices.dc("GMSA_LAB_CA_FILE")).getParent().getParent().resolve("private/sam.ldb");
		String output = run("ldbsearch", "-H", sam.toString(), "-b", LabServices.dc("GMSA_LAB_BASE_DN"), filter,
				attribute);
		List<String> values = new ArrayList<>();
		// LDIF folds long lines: a continuation starts with one space.
		for (String line : output.replace("\n ", "").lines().toList()) {
			if (line.toLowerCase(Locale.ROOT).startsWith(attribute.toLowerCase(Locale.ROOT) + ": ")) {
				values.add(line.substring(attribute.length() + 2));
			}
		}
		return values;
	}

	/** Runs a Samba tool and returns its output; fails the test when it exits non-zero. */
	static String run(String... command) {
		return LabServices.run(command);
	}

	private static MockCluster startCluster() {
		MockCluster cluster = MockCluster.start().withGmsaSupport().answerAccessReviews(false);
		Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
		return cluster;
	}

}
