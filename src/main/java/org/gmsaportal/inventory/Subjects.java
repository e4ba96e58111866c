package org.gmsaportal.inventory;

import java.util.Locale;

/**
 * The one form of the subjects drift and findings are about, so that pages, the API and {@code firstSeen} match
 * them across assessors and snapshots: {@code gmsa:<domain>/<account$>}, {@code user:<domain>/<name>},
 * {@code kds:<domain>}, {@code credspec:<connection>/<name>}, {@code secret:<connection>/<namespace>/<name>}.
 * Domains and account names are lower case, as AD compares them.
 */
public final class Subjects {

	private Subjects() {
	}

	/** e.g. {@code gmsa:corp.example.com/web01$}; the {@code $} is added when missing. */
	public static String gmsa(String domain, String accountName) {
		String account = accountName.endsWith("$") ? accountName : accountName + "$";
		return "gmsa:" + domain.toLowerCase(Locale.ROOT) + "/" + account.toLowerCase(Locale.ROOT);
	}

	/** e.g. {@code user:corp.example.com/web01-ccg}. */
	public static String user(String domain, String name) {
		return "user:" + domain.toLowerCase(Locale.ROOT) + "/" + name.toLowerCase(Locale.ROOT);
	}

	/** e.g. {@code kds:corp.example.com}: the forest's root keys as the connection to that domain sees them. */
	public static String kds(String domain) {
		return "kds:" + domain.toLowerCase(Locale.ROOT);
	}

	/** e.g. {@code credspec:aks1/gmsa-webapp01}. */
	public static String credSpec(String connection, String name) {
		return "credspec:" + connection + "/" + name;
	}

	/** e.g. {@code secret:aks1/app-ns/webapp01-identity}, from the Secret's {@code namespace/name}. */
	public static String secret(String connection, String namespacedName) {
		return "secret:" + connection + "/" + namespacedName;
	}

}
