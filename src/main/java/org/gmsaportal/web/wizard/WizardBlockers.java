package org.gmsaportal.web.wizard;

import java.util.List;
import java.util.Map;

import org.gmsaportal.directory.DirectoryException;
import org.gmsaportal.provisioning.Blocker;
import org.gmsaportal.provisioning.InvalidRequestException;
import org.gmsaportal.provisioning.LiveChecks;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.validation.Errors;

/**
 * The identity step's early blockers: what the plan would block, shown on the field the admin typed instead of at
 * the review (a gMSA name a portal run owns, or held by a computer account; a group name held by something that
 * is not a security group; an existing portable user; a further gMSA that is missing or that the hosts cannot
 * retrieve). Read only, run on Next once the page is otherwise valid.
 */
@Component
class WizardBlockers {

	// The request fields of the identity page, and the form field each is typed in.
	private static final Map<String, String> FIELDS = Map.of("gmsaName", "gmsaName", "groupName", "groupName",
			"hosts.userName", "portableUser", "hosts.computerAccounts", "computerAccounts");

	private final LiveChecks live;

	WizardBlockers(LiveChecks live) {
		this.live = live;
	}

	/**
	 * Rejects each identity field the plan would block, with the plan's words.
	 * @return the run that owns the gMSA name, for the page to link to, or {@code null}
	 */
	@Nullable String check(WizardState wizard, Errors errors) {
		List<Blocker> blockers;
		try {
			blockers = this.live.identityBlockers(WizardRequests.request(wizard, true));
		}
		catch (DirectoryException | InvalidRequestException ex) {
			// An unreachable directory does not block Next, and a rule the engine enforces is shown elsewhere.
			return null;
		}
		String ownerRun = null;
		for (Blocker blocker : blockers) {
			// A further gMSA's blocker names its line (additionalAccounts[i]); the form has one field for them all.
			String field = blocker.field().startsWith("additionalAccounts") ? "additionalAccounts"
					: FIELDS.get(blocker.field());
			if (field == null || errors.hasFieldErrors(field)) {
				continue;
			}
			errors.rejectValue(field, "wizard.identity.blocked", new Object[] { blocker.message() }, blocker.message());
			if (blocker.runId() != null) {
				ownerRun = blocker.runId();
			}
		}
		return ownerRun;
	}

}
