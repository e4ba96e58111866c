package org.gmsaportal.security;

import java.io.PrintStream;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the local bootstrap admin at start-up and, when its password was generated, prints it once.
 *
 * <p>
 * The password goes to standard output, not through the logging system, so that it stays out of log
 * files the portal writes itself. Where standard output is collected (a container's log), set
 * {@code PORTAL_ADMIN_PASSWORD} instead. Only the hash is stored.
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

	private final LocalAccounts accounts;

	private final SecuritySettings settings;

	private final PrintStream console;

	BootstrapAdmin(LocalAccounts accounts, SecuritySettings settings) {
		this.accounts = accounts;
		this.settings = settings;
		this.console = System.out;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.settings.localAdmin()) {
			// switched off: neither created nor its password printed; an existing row stays, unusable
			return;
		}
		String configured = (this.settings.adminPassword() != null) ? this.settings.adminPassword() : "";
		this.accounts.ensureBootstrapAdmin(configured).ifPresent(password -> {
			this.console.println();
			this.console.println("=".repeat(72));
			this.console.println(" gMSA Portal: local admin account created");
			this.console.println("   user:     " + LocalAccounts.ADMIN);
			this.console.println("   password: " + password);
			this.console.println(" Shown this once; only its hash is stored. Set PORTAL_ADMIN_PASSWORD to");
			this.console.println(" choose your own, or sign in with an AD account in an admin group.");
			this.console.println("=".repeat(72));
			this.console.println();
		});
	}

}
