package org.gmsaportal.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.gmsaportal.support.LabServices;
import org.gmsaportal.support.OidcProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single sign-on in Debian's Chromium against a real OpenID provider (Spring Authorization Server, started by the
 * test, {@link OidcProvider}): the ID token's groups claim gives ADMIN or AUDITOR, a user in neither group is
 * refused on the sign-in page, and each sign-in is audited. The portal is reached as 127.0.0.1 and the provider as
 * localhost: two sites, as in production.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gmsa.security.oidc.display-name=Contoso ID", "gmsa.security.oidc.client-id=" + OidcProvider.CLIENT_ID,
				"gmsa.security.oidc.client-secret=" + OidcProvider.CLIENT_SECRET,
				"server.servlet.session.cookie.same-site=lax" })
class SingleSignOnBrowserTests {

	private static final OidcProvider provider = OidcProvider.start();

	private static Playwright playwright;

	private static Browser browser;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private BrowserContext context;

	private Page page;

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		registry.add("gmsa.security.oidc.issuer", provider::issuer);
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
		provider.close();
	}

	@BeforeEach
	void newContext() {
		provider.allowRedirect(portal("/login/oauth2/code/oidc"));
		this.context = LabServices.newContext(browser, new Browser.NewContextOptions());
		this.page = this.context.newPage();
	}

	@AfterEach
	void closeContext() {
		this.context.close();
	}

	@Test
	void anAdminGroupMemberLandsAsAdmin() {
		signInAtProvider(OidcProvider.ADMIN);

		assertThat(this.page.locator("#current-user")).hasText(OidcProvider.ADMIN);
		assertThat(this.page.locator("#current-role")).hasText("ADMIN");
		assertThat(this.page.locator("#start-wizard")).isVisible();
		assertThat(audited(OidcProvider.ADMIN, "SUCCESS")).isEqualTo(1);
	}

	@Test
	void anAuditorGroupMemberLandsAsAuditor() {
		signInAtProvider(OidcProvider.AUDITOR);

		assertThat(this.page.locator("#current-user")).hasText(OidcProvider.AUDITOR);
		assertThat(this.page.locator("#current-role")).hasText("AUDITOR");
		assertThat(this.page.locator("#start-wizard")).hasCount(0);
		assertThat(audited(OidcProvider.AUDITOR, "SUCCESS")).isEqualTo(1);
	}

	@Test
	void aUserInNeitherGroupIsRefusedOnTheSignInPage() {
		signInAtProvider(OidcProvider.NOBODY);

		assertThat(this.page).hasURL(portal("/login?sso-refused"));
		assertThat(this.page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT))
			.containsText("none of the groups that give a portal role");
		assertThat(this.page.locator("#current-user")).hasCount(0);
		assertThat(audited(OidcProvider.NOBODY, "DENIED")).isEqualTo(1);
		// still not signed in: a page behind sign-in sends them back to it
		this.page.navigate(portal("/runs"));
		assertThat(this.page).hasURL(portal("/login"));
	}

	@Test
	void theSignInPageOffersTheProviderByName() {
		this.page.navigate(portal("/login"));

		assertThat(this.page.locator("#sso")).hasText("Sign in with Contoso ID");
		// the local admin is still on (gmsa.security.local-admin defaults to true)
		assertThat(this.page.locator("#username")).isVisible();
	}

	private void signInAtProvider(String user) {
		this.page.navigate(portal("/"));
		this.page.locator("#sso").click();
		assertThat(this.page).hasURL(java.util.regex.Pattern.compile("^" + provider.issuer() + "/login"));
		this.page.locator("#username").fill(user);
		this.page.locator("#password").fill(OidcProvider.PASSWORD);
		this.page.locator("button[type=submit]").click();
		this.page.waitForURL(url -> url.startsWith(portal("/")));
	}

	private long audited(String user, String outcome) {
		return this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'auth.login' AND target = ? "
				+ "AND outcome = ? AND details LIKE '%oidc%'")
			.params(user, outcome)
			.query(Long.class)
			.single();
	}

	private String portal(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
