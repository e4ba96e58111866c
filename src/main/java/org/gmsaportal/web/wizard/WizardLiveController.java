package org.gmsaportal.web.wizard;

import java.util.List;

import org.gmsaportal.directory.Directory.Computer;
import org.gmsaportal.directory.Directory.SpnConflict;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.SessionAttribute;

/**
 * The identity page's live lookups for app.js, as JSON: SPN collisions while the admin types, and the computer
 * account search. Both read the directory connection chosen on the first page. Every answer is 200 with either
 * a result or a message, so the page can say "could not check" instead of failing; the page works without them.
 */
@RestController
@RequestMapping(path = "/wizard/identity", produces = MediaType.APPLICATION_JSON_VALUE)
class WizardLiveController {

	private static final int MAX_TEXT = 4000;

	private final WizardDraftRepository drafts;

	private final WizardLiveChecks checks;

	WizardLiveController(WizardDraftRepository drafts, WizardLiveChecks checks) {
		this.drafts = drafts;
		this.checks = checks;
	}

	/**
	 * The SPN collisions.
	 *
	 * @param checked whether the directory was asked; if not, {@code message} says why
	 * @param conflicts each SPN another object holds, with its holder and what to do
	 * @param message why nothing was checked, or {@code null}
	 */
	record SpnAnswer(boolean checked, List<SpnConflict> conflicts, @Nullable String message) {
	}

	/**
	 * The computer search.
	 *
	 * @param checked whether the directory was asked
	 * @param found the accounts, sorted by name
	 * @param truncated whether more matched than are listed
	 * @param message why nothing was searched, or {@code null}
	 */
	record ComputerAnswer(boolean checked, List<Computer> found, boolean truncated, @Nullable String message) {
	}

	@GetMapping("/spn-check")
	SpnAnswer spnCheck(@RequestParam(defaultValue = "") String spns, @RequestParam(defaultValue = "") String gmsaName,
			@RequestParam(defaultValue = "") String dnsHostName,
			@SessionAttribute(name = "wizard", required = false) @Nullable WizardState session, Authentication user) {
		String connection = connection(session, user);
		if (connection == null) {
			return new SpnAnswer(false, List.of(), "choose a directory connection first");
		}
		if (spns.length() > MAX_TEXT || gmsaName.length() > 64 || dnsHostName.length() > 253) {
			return new SpnAnswer(false, List.of(), "too long to check");
		}
		// The typed SPNs and the two the run adds itself (host/<gMSA name>, host/<DNS host name>).
		WizardLiveChecks.SpnCheck check = this.checks.spnConflicts(connection, gmsaName, dnsHostName,
				WizardRequests.lines(spns));
		return new SpnAnswer(check.error() == null, check.conflicts(), check.error());
	}

	@GetMapping("/computers")
	ComputerAnswer computers(@RequestParam(name = "q", defaultValue = "") String text,
			@SessionAttribute(name = "wizard", required = false) @Nullable WizardState session, Authentication user) {
		String connection = connection(session, user);
		if (connection == null) {
			return new ComputerAnswer(false, List.of(), false, "choose a directory connection first");
		}
		WizardLiveChecks.ComputerSearch search = this.checks.searchComputers(connection, text);
		if (search.result() == null) {
			return new ComputerAnswer(false, List.of(), false, search.error());
		}
		return new ComputerAnswer(true, search.result().found(), search.result().truncated(), null);
	}

	// The session's wizard while the admin is in it; the saved draft after a new sign-in.
	private @Nullable String connection(@Nullable WizardState session, Authentication user) {
		WizardState wizard = (session != null) ? session : this.drafts.find(user.getName()).orElse(null);
		String name = (wizard != null) ? wizard.getConnections().getDirectoryConnection() : null;
		return (name == null || name.isBlank()) ? null : name;
	}

}
