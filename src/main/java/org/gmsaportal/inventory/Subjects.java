package org.gmsaportal.inventory;

import java.util.Locale;

/** How findings and drift name what they are about, the same on every page and in the API. */
final class Subjects {

	private Subjects() {
	}

	/** {@code gmsa:lab.test/web01$}. */
	static String gmsa(String domain, String samAccountName) {
		return "gmsa:" + domain.toLowerCase(Locale.ROOT) + "/" + samAccountName.toLowerCase(Locale.ROOT);
	}

	/** {@code user:lab.test/web01-ccg}. */
	static String user(String domain, String name) {
		return "user:" + domain.toLowerCase(Locale.ROOT) + "/" + name.toLowerCase(Locale.ROOT);
	}

	/** {@code kds:lab.test}: the forest's root keys as the connection to that domain sees them. */
	static String kds(String domain) {
		return "kds:" + domain.toLowerCase(Locale.ROOT);
	}

}
