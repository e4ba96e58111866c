package org.gmsaportal.cluster;

import java.util.Locale;

/**
 * Adds or removes the portal's forward block in a CoreDNS Corefile without touching anything else in it.
 */
final class CorefileMerge {

	private static final String BEGIN = "# gmsa-portal: forward ";

	private static final String END = "# gmsa-portal: end ";

	private CorefileMerge() {
	}

	/**
	 * @return the Corefile with a forward block for the domain appended, or the same string when any server
	 * block for the domain already exists (the portal's or someone else's: never a second one)
	 */
	static String merge(String corefile, GmsaDeployment.DnsForward forward, String runId) {
		if (hasServerBlockFor(corefile, forward.domain())) {
			return corefile;
		}
		String separator = (corefile.isEmpty() || corefile.endsWith("\n")) ? "" : "\n";
		return corefile + separator + block(forward, runId);
	}

	/** The exact text {@link #merge} appends; also what the export shows for hand-editing. */
	static String block(GmsaDeployment.DnsForward forward, String runId) {
		String domain = forward.domain();
		return "\n" + BEGIN + domain + " run=" + runId + "\n"
				+ domain + ":53 {\n"
				+ "    errors\n"
				+ "    cache 30\n"
				+ "    forward . " + String.join(" ", forward.servers()) + "\n"
				+ "}\n"
				+ END + domain + "\n";
	}

	/** Removes only blocks the portal added for this run; hand-written blocks and other runs' stay. */
	static String remove(String corefile, String runId) {
		String result = corefile;
		int from = 0;
		int begin;
		while ((begin = result.indexOf("\n" + BEGIN, from)) >= 0) {
			int headerEnd = result.indexOf('\n', begin + 1);
			int end = result.indexOf("\n" + END, begin + 1);
			int endLineEnd = (end < 0) ? -1 : result.indexOf('\n', end + 1);
			if (headerEnd < 0 || endLineEnd < 0) {
				return result;
			}
			if (result.substring(begin + 1, headerEnd).endsWith(" run=" + runId)) {
				result = result.substring(0, begin) + result.substring(endLineEnd + 1);
				from = begin;
			}
			else {
				from = endLineEnd;
			}
		}
		return result;
	}

	/** Whether some top-level server block serves the domain, e.g. {@code contoso.com:53 {}. */
	static boolean hasServerBlockFor(String corefile, String domain) {
		String wanted = domain.toLowerCase(Locale.ROOT);
		for (String line : corefile.split("\n")) {
			String trimmed = line.strip();
			if (trimmed.startsWith("#") || !trimmed.endsWith("{") || Character.isWhitespace(line.isEmpty() ? 'x' : line.charAt(0))) {
				continue;
			}
			for (String zone : trimmed.substring(0, trimmed.length() - 1).strip().split("\\s+")) {
				if (normalise(zone).equals(wanted)) {
					return true;
				}
			}
		}
		return false;
	}

	private static String normalise(String zone) {
		String z = zone.toLowerCase(Locale.ROOT);
		int scheme = z.indexOf("://");
		if (scheme >= 0) {
			z = z.substring(scheme + 3);
		}
		int port = z.lastIndexOf(':');
		if (port >= 0) {
			z = z.substring(0, port);
		}
		return z.endsWith(".") ? z.substring(0, z.length() - 1) : z;
	}

}
