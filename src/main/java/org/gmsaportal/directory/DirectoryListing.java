package org.gmsaportal.directory;

import java.time.Instant;
import java.util.List;

/**
 * What one directory connection holds now: every gMSA of the domain, the forest's KDS root keys, and the users
 * the caller asked for. Read with paged searches; {@link #incomplete()} says which parts could not be read and why,
 * so a partial list is never shown as complete.
 *
 * @param connection the directory connection's name
 * @param domain the domain's DNS name
 * @param readAt when the read started
 * @param gmsas every gMSA in the domain
 * @param kdsRootKeys the forest's KDS root keys
 * @param users the users asked for that exist
 * @param incomplete why parts of the listing are missing (e.g. a DC that timed out after page 3); empty when whole
 */
public record DirectoryListing(String connection, String domain, Instant readAt, List<ListedGmsa> gmsas,
		List<KdsRootKey> kdsRootKeys, List<ListedUser> users, List<String> incomplete) {

	public DirectoryListing {
		gmsas = List.copyOf(gmsas);
		kdsRootKeys = List.copyOf(kdsRootKeys);
		users = List.copyOf(users);
		incomplete = List.copyOf(incomplete);
	}

	public boolean complete() {
		return this.incomplete.isEmpty();
	}

}
