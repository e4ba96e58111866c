package org.gmsaportal.directory;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One {@code msDS-GroupManagedServiceAccount} as the directory holds it now, whoever made it.
 *
 * @param samAccountName the account name, with its trailing {@code $}
 * @param distinguishedName where it lives
 * @param objectGuid its objectGUID in string form (stable across renames and moves)
 * @param spns {@code servicePrincipalName}
 * @param encryptionTypes {@code msDS-SupportedEncryptionTypes} decoded; empty when the attribute is absent
 * @param passwordIntervalDays {@code msDS-ManagedPasswordInterval}; {@code null} when absent (the default 30)
 * @param passwordLastSet {@code pwdLastSet}; {@code null} when never set
 * @param whenCreated {@code whenCreated}
 * @param whenChanged {@code whenChanged}
 * @param description {@code description}, or {@code null}
 * @param allowed the principals {@code msDS-GroupMSAMembership} grants password retrieval, in ACE order
 * @param retrievers the users and computers that can retrieve the password after expanding nested groups
 * @param incomplete why parts of this entry could not be read (an unparsable descriptor, a SID that no longer
 * resolves, a group whose members could not be read); empty when the entry is whole
 * @param supportedEncryptionTypes {@code msDS-SupportedEncryptionTypes} as the DC holds it, or {@code null} when
 * absent; {@link #encryptionTypes()} cannot show the DES bits (0x1, 0x2), which the portal never sets
 */
public record ListedGmsa(String samAccountName, String distinguishedName, String objectGuid, List<String> spns,
		Set<EncryptionType> encryptionTypes, @Nullable Integer passwordIntervalDays, @Nullable Instant passwordLastSet,
		Instant whenCreated, Instant whenChanged, @Nullable String description, List<ListedPrincipal> allowed,
		List<ListedPrincipal> retrievers, List<String> incomplete, @Nullable Integer supportedEncryptionTypes) {

	/** DES-CBC-CRC and DES-CBC-MD5 ([MS-KILE] 2.2.7). */
	public static final int DES_BITS = 0x3;

	/** An entry whose raw encryption types are those of {@code encryptionTypes} (none when that is empty). */
	public ListedGmsa(String samAccountName, String distinguishedName, String objectGuid, List<String> spns,
			Set<EncryptionType> encryptionTypes, @Nullable Integer passwordIntervalDays, @Nullable Instant passwordLastSet,
			Instant whenCreated, Instant whenChanged, @Nullable String description, List<ListedPrincipal> allowed,
			List<ListedPrincipal> retrievers, List<String> incomplete) {
		this(samAccountName, distinguishedName, objectGuid, spns, encryptionTypes, passwordIntervalDays,
				passwordLastSet, whenCreated, whenChanged, description, allowed, retrievers, incomplete,
				encryptionTypes.isEmpty() ? null : EncryptionType.mask(encryptionTypes));
	}

	/** Whether DES is enabled (a raw value with bit 0x1 or 0x2). */
	public boolean desEnabled() {
		return this.supportedEncryptionTypes != null && (this.supportedEncryptionTypes & DES_BITS) != 0;
	}

	public ListedGmsa {
		spns = List.copyOf(spns);
		encryptionTypes = Set.copyOf(encryptionTypes);
		allowed = List.copyOf(allowed);
		retrievers = List.copyOf(retrievers);
		incomplete = List.copyOf(incomplete);
	}

}
