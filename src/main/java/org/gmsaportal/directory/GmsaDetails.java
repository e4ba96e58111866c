package org.gmsaportal.directory;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An existing gMSA as the DC stores it, with the principals its security descriptor allows resolved to names.
 *
 * @param distinguishedName the gMSA's DN
 * @param objectGuid its objectGUID
 * @param sid its own SID (not the domain SID a credential spec needs)
 * @param samAccountName e.g. {@code web01$}
 * @param dnsHostName dNSHostName
 * @param servicePrincipalNames its SPNs
 * @param encryptionTypes msDS-SupportedEncryptionTypes
 * @param passwordIntervalDays msDS-ManagedPasswordInterval
 * @param allowedPrincipals who may retrieve the password
 * @param workstationTrustAccount whether userAccountControl has WORKSTATION_TRUST_ACCOUNT (0x1000)
 * @param passwordLastSet when the managed password last changed, if known
 * @param createdByPortal whether it carries the portal's marker
 */
public record GmsaDetails(String distinguishedName, UUID objectGuid, String sid, String samAccountName,
		@Nullable String dnsHostName, List<String> servicePrincipalNames, Set<EncryptionType> encryptionTypes,
		int passwordIntervalDays, List<Principal> allowedPrincipals, boolean workstationTrustAccount,
		@Nullable Instant passwordLastSet, boolean createdByPortal) {

	/**
	 * A principal named in msDS-GroupMSAMembership.
	 *
	 * @param sid its SID
	 * @param name its sAMAccountName, or {@code null} if the SID does not resolve in this domain
	 * @param distinguishedName its DN, if resolved
	 */
	public record Principal(String sid, @Nullable String name, @Nullable String distinguishedName) {
	}

}
