package org.gmsaportal.credspec;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Makes the credential spec {@code New-CredentialSpec} would write, from domain facts read on any platform, plus
 * the {@code HostAccountConfig} of a chosen plug-in for hosts that are not domain-joined.
 */
public class CredentialSpecGenerator {

	/**
	 * The credspec for domain-joined hosts.
	 * @throws InvalidCredentialSpecInputException naming the field and rule the input breaks
	 */
	public CredentialSpec generate(DomainIdentity domain, String accountName) {
		return generate(domain, accountName, List.of(), null);
	}

	/**
	 * The credspec for the given account, additional accounts and, for hosts that are not domain-joined, plug-in.
	 * @param domain facts of the primary gMSA's domain
	 * @param accountName the primary gMSA's sAMAccountName; a trailing {@code $} is dropped as the cmdlet does
	 * @param additionalAccounts further gMSAs, each written once with its domain's DNS name as scope
	 * @param hostAccount the plug-in preset, or {@code null} for domain-joined hosts
	 * @throws InvalidCredentialSpecInputException naming the field and rule the input breaks
	 */
	public CredentialSpec generate(DomainIdentity domain, String accountName, List<AdditionalAccount> additionalAccounts,
			@Nullable HostAccountPreset hostAccount) {
		String primary = gmsaName("accountName", accountName);
		List<GroupManagedServiceAccount> accounts = new ArrayList<>();
		// Same order as the cmdlet: DNS scope first (Kerberos), then NetBIOS scope, then the additional accounts.
		accounts.add(new GroupManagedServiceAccount(primary, domain.dnsName()));
		accounts.add(new GroupManagedServiceAccount(primary, domain.netBiosName()));
		for (int i = 0; i < additionalAccounts.size(); i++) {
			AdditionalAccount additional = additionalAccounts.get(i);
			String field = "additionalAccounts[" + i + "]";
			String name = gmsaName(field + ".accountName", additional.accountName());
			String scope = (additional.domainDnsName() != null) ? additional.domainDnsName() : domain.dnsName();
			DomainIdentity.requireDnsName(field + ".domainDnsName", scope);
			GroupManagedServiceAccount entry = new GroupManagedServiceAccount(name, scope);
			// A repeated entry would make the validator warn about the generator's own output.
			if (accounts.stream().anyMatch((existing) -> InputRules.sameName(existing.name(), name)
					&& InputRules.sameName(existing.scope(), scope))) {
				throw new InvalidCredentialSpecInputException(field,
						"is already in the credspec as " + name + " in " + scope + "; list each gMSA once");
			}
			accounts.add(entry);
		}
		DomainJoinConfig domainJoinConfig = new DomainJoinConfig(domain.domainSid(), primary,
				domain.objectGuid().toString(), domain.forestDnsName(), domain.dnsName(), domain.netBiosName());
		HostAccountConfig host = (hostAccount != null) ? hostAccount.hostAccountConfig() : null;
		return new CredentialSpec(List.of(CredentialSpec.ACTIVE_DIRECTORY), domainJoinConfig,
				new ActiveDirectoryConfig(accounts, host));
	}

	private static String gmsaName(String field, String accountName) {
		String name = InputRules.withoutDollar(accountName);
		if (!InputRules.isAccountName(name, InputRules.MAX_GMSA_NAME_LENGTH)) {
			throw new InvalidCredentialSpecInputException(field,
					"must be a gMSA name of 1 to 15 characters without spaces or any of \" / \\ [ ] : ; | = , + * ? < > @, not ending in a period", accountName);
		}
		return name;
	}

}
