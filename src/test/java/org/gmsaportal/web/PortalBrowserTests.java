package org.gmsaportal.web;


import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.gmsaportal.support.LabServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.gmsaportal.support.LabServices.dc;

/**
 * The portal in Debian's Chromium, driven by Playwright: what an admin and an auditor actually see.
 */
class PortalBrowserTests extends PortalServerSupport {

	private static Playwright playwright;

	private static Browser browser;

	private BrowserContext context;

	private Page page;

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

	@BeforeEach
	void newContext() {
		this.context = LabServices.newContext(browser, new Browser.NewContextOptions());
		this.page = this.context.newPage();
	}

	@AfterEach
	void closeContext() {
		this.context.close();
	}

	@Test
	void anAdminSignsInSeesTheShellOpensTheAuditLogAndVerifiesTheChain() {
		signIn("admin", "test-admin-password");
		assertThat(this.page.locator("#current-user")).hasText("admin");
		assertThat(this.page.locator("#current-role")).hasText("ADMIN");
		assertThat(this.page.getByRole(com.microsoft.playwright.options.AriaRole.NAVIGATION)
			.getByText("Wizard")).isVisible();
		assertThat(this.page.locator("#start-wizard")).isVisible();

		this.page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
				new Page.GetByRoleOptions().setName("Audit").setExact(true)).click();
		assertThat(this.page).hasTitle("Audit trail · gMSA Portal");
		assertThat(this.page.locator("#audit-events")).containsText("auth.login");

		this.page.locator("#verify-chain").click();
		assertThat(this.page.locator("#verify-result")).hasText("The chain is intact.");
	}

	@Test
	void anAuditorFromTheDirectorySeesNoAdminActions() {
		signIn(dc("GMSA_LAB_AUDITOR"), dc("GMSA_LAB_AUDITOR_PASSWORD"));
		assertThat(this.page.locator("#current-role")).hasText("AUDITOR");
		assertThat(this.page.getByRole(com.microsoft.playwright.options.AriaRole.NAVIGATION)
			.getByText("Wizard")).hasCount(0);
		assertThat(this.page.locator("#start-wizard")).hasCount(0);
		this.page.locator("nav >> text=Audit").click();
		assertThat(this.page.locator("#audit-events")).containsText("lab.auditor");

		// The server, not just the menu, refuses the wizard.
		this.page.navigate(url("/wizard"));
		assertThat(this.page.locator("h1")).hasText("Access denied");
	}

	@Test
	void aWrongPasswordShowsAnErrorAndNoSession() {
		signIn("admin", "not-the-password");
		assertThat(this.page.locator(".alert.error")).containsText("Sign-in failed");
		assertThat(this.page.locator("#current-user")).hasCount(0);
	}

	private void signIn(String user, String password) {
		this.page.navigate(url("/"));
		assertThat(this.page).hasTitle("Sign in · gMSA Portal");
		this.page.getByLabel("User name").fill(user);
		this.page.getByLabel("Password").fill(password);
		this.page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
				new Page.GetByRoleOptions().setName("Sign in")).click();
	}

}
