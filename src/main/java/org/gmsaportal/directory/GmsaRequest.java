package org.gmsaportal.directory;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A group Managed Service Account as New-ADServiceAccount would create it.
 *
 * @param name the account name without {@code $}: at most 15 letters, digits or hyphens
 * @param dnsHostName DNS host name, or {@code null} for {@code <name>.<domain>}
 * @param extraSpns SPNs beyond the default {@code host/<name>} and {@code host/<fqdn>}
 * @param encryptionTypes Kerberos encryption types; AES128+AES256 by default, RC4 only on request
 * @param passwordIntervalDays days between password changes (30); it cannot be changed after creation
 * @param allowedPrincipals sAMAccountNames of the groups or accounts allowed to retrieve the password
 * @param container DN of the OU or container, or {@code null} for CN=Managed Service Accounts
 */
record GmsaRequest(String name, @Nullable String dnsHostName, List<String> extraSpns,
		Set<EncryptionType> encryptionTypes, int passwordIntervalDays, List<String> allowedPrincipals,
		@Nullable String container) {

	public GmsaRequest {
		extraSpns = List.copyOf(extraSpns);
		encryptionTypes = Set.copyOf(encryptionTypes);
		allowedPrincipals = List.copyOf(allowedPrincipals);
	}

	/** The defaults: AES only, 30 days, default DNS host name and SPNs, one allowed group. */
	public static GmsaRequest of(String name, String allowedGroup) {
		return new GmsaRequest(name, null, List.of(), EnumSet.of(EncryptionType.AES128_CTS_HMAC_SHA1_96, EncryptionType.AES256_CTS_HMAC_SHA1_96), 30,
				List.of(allowedGroup), null);
	}

	public GmsaRequest withExtraSpns(List<String> spns) {
		return new GmsaRequest(this.name, this.dnsHostName, spns, this.encryptionTypes, this.passwordIntervalDays,
				this.allowedPrincipals, this.container);
	}

	public GmsaRequest withEncryptionTypes(Set<EncryptionType> types) {
		return new GmsaRequest(this.name, this.dnsHostName, this.extraSpns, types, this.passwordIntervalDays,
				this.allowedPrincipals, this.container);
	}

	public GmsaRequest withContainer(@Nullable String container) {
		return new GmsaRequest(this.name, this.dnsHostName, this.extraSpns, this.encryptionTypes,
				this.passwordIntervalDays, this.allowedPrincipals, container);
	}

}
