package org.gmsaportal.provisioning;

import org.jspecify.annotations.Nullable;

/**
 * Something the plan knows stops the run, tied to the request field the admin or the ticket typed, so that the
 * wizard shows it on the identity step and the API as a filing error instead of a blocked step at the review.
 *
 * @param field the request field, as {@link InvalidRequestException} names it ({@code gmsaName}, {@code groupName},
 * {@code hosts.userName}, ...)
 * @param message what blocks it, naming the object, and what to do
 * @param runId the portal run that owns the object, if one does (the page links to it)
 * @param ticket that run's ticket, if it has one
 */
public record Blocker(String field, String message, @Nullable String runId, @Nullable String ticket) {

	/** The request field a blocked step of this kind comes from. */
	static String field(StepKind kind) {
		return switch (kind) {
			case ENSURE_KDS_ROOT_KEY -> "kdsRootKey";
			case ENSURE_GROUP -> "groupName";
			case ENSURE_PORTABLE_USER -> "hosts.userName";
			case ENSURE_MEMBERSHIP -> "hosts.computerAccounts";
			case WRITE_PORTABLE_SECRET -> "hosts.pluginInput";
			default -> "gmsaName";
		};
	}

}
