package org.gmsaportal.provisioning;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Rules for free text and addresses that both front doors (wizard and API) apply before the engine sees them.
 */
public final class TextRules {

	/** The rule as clients read it when a text carries bidirectional control characters. */
	public static final String NO_BIDI_CONTROLS = "must not contain bidirectional control characters "
			+ "(U+202A to U+202E, U+2066 to U+2069, U+200E, U+200F)";

	private static final Pattern IPV4 = Pattern
		.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

	// Only these characters reach InetAddress, and only with a ':', so it parses a literal and never asks DNS.
	private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	private TextRules() {
	}

	/**
	 * Whether the text holds a character that reorders how it is displayed (the "Trojan Source" characters):
	 * a reason or name could then read differently on a page or in the audit trail from what was stored.
	 */
	public static boolean hasBidiControl(String text) {
		return text.chars()
			.anyMatch(c -> (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F);
	}

	/** Whether the value is an IPv4 address in dotted-quad form or an IPv6 address, and nothing else. */
	public static boolean isIpAddress(String value) {
		if (IPV4.matcher(value).matches()) {
			return true;
		}
		if (!value.contains(":") || !IPV6_CHARACTERS.matcher(value).matches()) {
			return false;
		}
		try {
			InetAddress.getByName(value);
			return true;
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
