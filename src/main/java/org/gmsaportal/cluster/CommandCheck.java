package org.gmsaportal.cluster;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One command run inside the sample pod, and what its output means.
 *
 * @param command the command line
 * @param success whether the output shows the gMSA working
 * @param summary the line that decided it, and what to do if it failed
 * @param output the raw output, for the admin who wants to see it
 */
record CommandCheck(String command, boolean success, String summary, String output) {

	private static final Pattern STATUS = Pattern.compile("Status = (\\d+) (0x[0-9a-fA-F]+) (\\S+)");

	/**
	 * {@code nltest /sc_verify}: every status must be {@code 0 0x0 NERR_Success}. The tool prints "The command
	 * completed successfully" even when the secure channel is broken, so that line proves nothing.
	 */
	static CommandCheck nltest(String domain, String output) {
		String command = "nltest /sc_verify:" + domain;
		Matcher matcher = STATUS.matcher(output);
		String firstFailure = null;
		boolean any = false;
		while (matcher.find()) {
			any = true;
			if (!"NERR_Success".equals(matcher.group(3)) && firstFailure == null) {
				firstFailure = matcher.group(0);
			}
		}
		if (any && firstFailure == null) {
			return new CommandCheck(command, true, "Secure channel to " + domain + " verified (NERR_Success).", output);
		}
		String found = (firstFailure != null) ? firstFailure : firstLine(output);
		String advice = found.contains("RPC_S_SERVER_UNAVAILABLE")
				? " The container runs without the gMSA identity: check that the webhook filled in the credspec and that"
						+ " the ccg.exe plug-in could fetch the portable identity (CCG events 3, 4, 6, 8 on the node)."
				: found.contains("ERROR_NO_LOGON_SERVERS") ? " No domain controller answered: check DNS for " + domain
						+ " from the pod (CoreDNS forward or dnsConfig) and ports 53, 88, 389 to the DCs."
						: " Compare the credspec with the domain facts and check the gMSA's allowed principals.";
		return new CommandCheck(command, false, found + "." + advice, output);
	}

	/** {@code klist get krbtgt}: success is the "has been retrieved successfully" line. */
	static CommandCheck klist(String output) {
		String command = "klist get krbtgt";
		if (output.contains("A ticket to krbtgt has been retrieved successfully")) {
			return new CommandCheck(command, true, "A Kerberos ticket-granting ticket was retrieved.", output);
		}
		String failure = lines(output).stream().filter((l) -> l.startsWith("klist failed") || l.startsWith("Error"))
			.findFirst().orElse(firstLine(output));
		return new CommandCheck(command, false, failure + " The container could not get a TGT as the gMSA: check the"
				+ " nltest result first, then the clock skew to the DC (Kerberos allows 5 minutes).", output);
	}

	private static String firstLine(String output) {
		return lines(output).stream().findFirst().orElse("(no output)");
	}

	private static List<String> lines(String output) {
		return Arrays.stream(output.split("\\R")).map(String::strip).filter((l) -> !l.isEmpty()).toList();
	}

}
