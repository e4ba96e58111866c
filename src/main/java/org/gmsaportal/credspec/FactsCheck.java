package org.gmsaportal.credspec;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Compares every domain field of a credspec with the facts read from the directory, as the troubleshooting guide
 * asks for (SID, GUID, DNS, forest and NetBIOS names, and the scopes of the primary account).
 */
final class FactsCheck {

	private static final String DJ = "DomainJoinConfig.";

	private FactsCheck() {
	}

	static void check(JsonNode root, DomainIdentity facts, Findings findings) {
		JsonNode domain = root.get("DomainJoinConfig");
		compare(domain, "Sid", facts.domainSid(), "the domain's objectSid", findings);
		compare(domain, "Guid", facts.objectGuid().toString(), "the domain's objectGUID", findings);
		compare(domain, "DnsName", facts.dnsName(), "the domain's DNS name", findings);
		compare(domain, "DnsTreeName", facts.forestDnsName(), "the forest root's DNS name", findings);
		compare(domain, "NetBiosName", facts.netBiosName(), "the domain's NetBIOS name", findings);
	}

	private static void compare(@Nullable JsonNode domain, String key, String expected, String what,
			Findings findings) {
		String actual = StructureCheck.text(domain, key);
		// A field with a format error already has its precise finding; a mismatch on top would only repeat it.
		if (actual == null || findings.hasErrorFor(DJ + key)) {
			return;
		}
		if (!normalize(key, actual).equals(normalize(key, expected))) {
			findings.error(FindingCode.FACT_MISMATCH, DJ + key,
					"is " + actual + ", but " + what + " is " + expected,
					"Set " + key + " to " + expected + (key.equals("Sid") || key.equals("Guid")
							? "; the credspec was probably made for another domain, or from the gMSA's own attributes."
							: "."));
		}
	}

	// Directory names and identifiers compare case-insensitively; braces around a GUID are a format matter that
	// DomainJoinCheck reports on its own.
	private static String normalize(String key, String value) {
		String trimmed = key.equals("Guid") && value.startsWith("{") && value.endsWith("}")
				? value.substring(1, value.length() - 1) : value;
		return trimmed.toLowerCase(Locale.ROOT);
	}

}
