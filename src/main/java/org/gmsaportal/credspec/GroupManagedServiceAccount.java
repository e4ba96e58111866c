package org.gmsaportal.credspec;

/**
 * One entry of {@code ActiveDirectoryConfig.GroupManagedServiceAccounts}: a gMSA name and the domain name it is
 * looked up under.
 *
 * @param name the gMSA's sAMAccountName without {@code $}
 * @param scope the domain's DNS name or NetBIOS name
 */
public record GroupManagedServiceAccount(String name, String scope) {

}
