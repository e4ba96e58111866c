package org.gmsaportal.credspec;

import java.util.List;

/**
 * A plain-language account of what a credential spec does, for the wizard's review page and the API.
 *
 * @param summary one sentence: which account, which domain, which host mode
 * @param details one sentence per aspect: identity, domain, additional accounts, how the node gets the password
 */
public record Explanation(String summary, List<String> details) {

	public Explanation {
		details = List.copyOf(details);
	}

}
