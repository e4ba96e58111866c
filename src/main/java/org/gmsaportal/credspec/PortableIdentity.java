package org.gmsaportal.credspec;

/**
 * The standard domain user a ccg.exe plug-in signs in as to retrieve the gMSA password on hosts that are not
 * domain-joined.
 *
 * @param domainDnsName DNS name of the user's domain, e.g. {@code contoso.com}
 * @param userName the user's sAMAccountName
 * @param password the user's password; redacted in {@code toString()}
 */
public record PortableIdentity(String domainDnsName, String userName, SecretValue password) {

	public PortableIdentity {
		DomainIdentity.requireDnsName("domainDnsName", domainDnsName);
		if (!InputRules.isAccountName(userName, InputRules.MAX_USER_NAME_LENGTH)) {
			throw new InvalidCredentialSpecInputException("userName",
					"must be a sAMAccountName of at most 20 characters without spaces or any of \" / \\ [ ] : ; | = , + * ? < > @", userName);
		}
	}

}
