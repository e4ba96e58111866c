package org.gmsaportal.credspec;

/**
 * The {@code DomainJoinConfig} section: which domain the container acts as joined to, and under which name.
 *
 * @param sid the domain's SID (not the gMSA's)
 * @param machineAccountName the primary gMSA's name without {@code $}; the container's name on the network
 * @param guid the domain's objectGUID, canonical lower-case form without braces
 * @param dnsTreeName DNS name of the forest root domain
 * @param dnsName DNS name of the domain
 * @param netBiosName NetBIOS name of the domain
 */
public record DomainJoinConfig(String sid, String machineAccountName, String guid, String dnsTreeName, String dnsName,
		String netBiosName) {

}
