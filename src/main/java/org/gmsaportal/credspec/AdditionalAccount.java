package org.gmsaportal.credspec;

import org.jspecify.annotations.Nullable;

/**
 * A further gMSA made available inside the container, as {@code New-CredentialSpec -AdditionalAccounts} takes it.
 *
 * @param accountName the gMSA's sAMAccountName; a trailing {@code $} is dropped as the cmdlet does
 * @param domainDnsName DNS name of the gMSA's domain, or {@code null} for the primary account's domain
 */
public record AdditionalAccount(String accountName, @Nullable String domainDnsName) {

	/** An additional gMSA in the same domain as the primary one. */
	public static AdditionalAccount inSameDomain(String accountName) {
		return new AdditionalAccount(accountName, null);
	}

	/** An additional gMSA from another (trusted) domain. */
	public static AdditionalAccount inDomain(String accountName, String domainDnsName) {
		return new AdditionalAccount(accountName, domainDnsName);
	}

}
