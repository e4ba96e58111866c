package org.gmsaportal.web;

import java.nio.file.Path;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.gmsaportal.credspec.SecretValue;
import org.gmsaportal.directory.Directory;
import org.gmsaportal.support.LabServices;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Manual delivery in Debian's Chromium against the Samba lab DC (issue 13 item 1): the admin chooses the Azure Key
 * Vault plug-in and "I store it myself", export only. The review shows who stores it, the store's command with the
 * password elided and the AKS commands; after the run, the one showing of the password also shows the exact
 * {@code az keyvault secret set} command with the password left to paste, and its copy button puts that command on
 * the clipboard. The password shown is the one the DC holds. Saves docs/screenshots/manual-secret-command.png.
 */
class ManualSecretCommandLabBrowserTests extends LabWizardSupport {

	private static final String KV_INPUT = "ObjectId=5d1b6a3c-0e2f-4b7a-9c8d-1e2f3a4b5c6d;"
			+ "SecretUri=https://contoso-kv.vault.azure.net/secrets/gmsa-web01";

	@Autowired
	Directory directory;

	@Test
	void aManuallyDeliveredPasswordIsShownOnceWithTheKeyVaultCommandToPaste() {
		String name = freshName("md");
		String user = name + "-ccg";
		String password;
		String command;
		try (BrowserContext context = LabServices.newContext(browser, new Browser.NewContextOptions()
			.setViewportSize(1280, 900)
			.setPermissions(List.of("clipboard-read", "clipboard-write")))) {
			Page page = signedInAtWizard(context);
			connectionsAndForest(page, "");
			page.locator("#gmsaName").fill(name);
			page.locator("#dnsHostName").fill(name + ".lab.test");
			page.locator("#groupName").fill(name + "-hosts");
			page.locator("input[name=hostMode][value=PORTABLE]").check();
			page.locator("#portableUser").fill(user);
			page.locator("#plugin").selectOption("AZURE_KEY_VAULT");
			page.locator("#pluginInput").fill(KV_INPUT);
			// The portal writing the store is the default; this admin keeps that step.
			assertThat(page.locator("input[name=secretDelivery][value=STORE]")).isChecked();
			page.locator("input[name=secretDelivery][value=MANUAL]").check();
			page.locator("#next").click();
			page.locator("#next").click();
			exportTarget(page, "apps", "webapp", name + "-spec");

			assertThat(page.locator("#delivery-mode")).hasAttribute("data-delivery", "MANUAL");
			assertThat(page.locator("#delivery-command")).hasText("az keyvault secret set --vault-name contoso-kv"
					+ " --name gmsa-web01 --value 'lab.test\\" + user + ":<password>'");
			assertThat(page.locator("#platform-aks-gmsa")).containsText("--enable-windows-gmsa");
			runAndAwaitSuccess(page);

			page.locator("#reveal-password").click();
			password = page.locator("#password-value").textContent().strip();
			assertThat(page.locator("#store-command")).hasText("az keyvault secret set --vault-name contoso-kv"
					+ " --name gmsa-web01 --value 'lab.test\\" + user + ":<password>'");
			command = page.locator("#store-command").textContent().strip();
			// The script shows both copy buttons; without it the texts are selected by hand.
			assertThat(page.locator("#copy-command")).isVisible();
			assertThat(page.locator("#copy-command")).hasAttribute("data-copy", "store-command");
			assertThat(page.locator("#copy-password")).isVisible();
			page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
				.setPath(Path.of("docs", "screenshots", "manual-secret-command.png")));
			page.locator("#copy-command").click();
			assertThat(page.locator("#copy-command")).hasText("Copied");
			assertThat(page.evaluate("() => navigator.clipboard.readText()")).isEqualTo(command);
			page.locator("#copy-password").click();
			assertThat(page.evaluate("() => navigator.clipboard.readText()")).isEqualTo(password);
		}
		assertThat(command).doesNotContain(password);
		// The password shown once is the one the DC holds: the portable user reads the gMSA's password with it.
		assertThat(this.directory.proveRetrieval("lab", name, user, SecretValue.of(password), null).result())
			.isEqualTo(Directory.Result.ALREADY_AS_REQUESTED);
	}

}
