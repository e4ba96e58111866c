package org.gmsaportal.credspec;

import java.util.UUID;

/**
 * The facts about an Active Directory domain that a credential spec carries, as read from the directory.
 *
 * <p>
 * Each component maps to one LDAP fact: {@code dnsName} is the domain's DNS name (DNSRoot), {@code netBiosName}
 * the {@code nETBIOSName} of its crossRef under {@code CN=Partitions}, {@code forestDnsName} the DNS name of the
 * {@code rootDomainNamingContext}, {@code domainSid} the domain head's {@code objectSid} and {@code objectGuid}
 * its {@code objectGUID}.
 *
 * @param dnsName domain DNS name, e.g. {@code contoso.com}
 * @param netBiosName NetBIOS domain name, e.g. {@code CONTOSO}
 * @param forestDnsName DNS name of the forest root domain, e.g. {@code contoso.com}
 * @param domainSid the domain's SID in string form, {@code S-1-5-21-x-y-z}, never an account's SID
 * @param objectGuid the domain's objectGUID
 */
public record DomainIdentity(String dnsName, String netBiosName, String forestDnsName, String domainSid,
		UUID objectGuid) {

	public DomainIdentity {
		requireDnsName("dnsName", dnsName);
		if (!InputRules.isNetBiosName(netBiosName)) {
			throw new InvalidCredentialSpecInputException("netBiosName",
					"must be 1 to 15 characters without spaces, periods or any of \\ / : * ? \" < > |", netBiosName);
		}
		requireDnsName("forestDnsName", forestDnsName);
		requireDomainSid("domainSid", domainSid);
		if (objectGuid.getMostSignificantBits() == 0 && objectGuid.getLeastSignificantBits() == 0) {
			throw new InvalidCredentialSpecInputException("objectGuid", "must be the domain's objectGUID, not the nil UUID");
		}
	}

	/**
	 * Builds the facts from strings, as a directory search or a form returns them.
	 * @param objectGuid the objectGUID in canonical form, {@code 8-4-4-4-12} hex digits, braces allowed
	 * @throws InvalidCredentialSpecInputException naming the field and rule that the input breaks
	 */
	public static DomainIdentity of(String dnsName, String netBiosName, String forestDnsName, String domainSid,
			String objectGuid) {
		String guid = objectGuid.startsWith("{") && objectGuid.endsWith("}")
				? objectGuid.substring(1, objectGuid.length() - 1) : objectGuid;
		if (!InputRules.isGuid(guid)) {
			throw new InvalidCredentialSpecInputException("objectGuid",
					"must be a GUID of 32 hex digits in the form 8-4-4-4-12", objectGuid);
		}
		return new DomainIdentity(dnsName, netBiosName, forestDnsName, domainSid, UUID.fromString(guid));
	}

	/**
	 * Builds the facts from what an LDAP search of the domain head and its crossRef returns, with
	 * {@code objectSid} and {@code objectGUID} as raw bytes.
	 * @throws InvalidCredentialSpecInputException naming the field and rule that the input breaks
	 */
	public static DomainIdentity fromDirectory(String dnsName, String netBiosName, String forestDnsName,
			byte[] objectSid, byte[] objectGuid) {
		return new DomainIdentity(dnsName, netBiosName, forestDnsName, BinaryIds.sid(objectSid),
				BinaryIds.guid(objectGuid));
	}

	static void requireDnsName(String field, String value) {
		if (!InputRules.isDnsName(value)) {
			throw new InvalidCredentialSpecInputException(field,
					"must be a DNS name: dot-separated labels of letters, digits and inner hyphens, no trailing dot", value);
		}
	}

	static void requireDomainSid(String field, String value) {
		if (InputRules.isDomainSid(value)) {
			return;
		}
		String rule = InputRules.domainSidOfAccountSid(value)
			.map((domainSid) -> "must be the domain's SID, not an account SID ending in a RID; the domain SID is "
					+ domainSid)
			.orElse("must be a domain SID of the form S-1-5-21-<n>-<n>-<n>");
		throw new InvalidCredentialSpecInputException(field, rule, value);
	}

}
