package org.gmsaportal.provisioning;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.GroupScope;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.jspecify.annotations.Nullable;

/**
 * What an admin or a ticket asked for: one gMSA, the hosts allowed to use it and where its credential spec goes.
 * Construction validates every field; it holds no secret.
 *
 * @param directoryConnection the directory connection name from {@code gmsa.directory.connections}
 * @param gmsaName the gMSA's sAMAccountName without {@code $}, at most 15 characters
 * @param dnsHostName the gMSA's {@code dNSHostName}, a fully qualified DNS name
 * @param spns service principal names, {@code service/host[:port][/name]}; sorted, compared case-insensitively
 * @param encryptionTypes supported Kerberos encryption types, at least one
 * @param kdsRootKey what to do about the forest's KDS root key
 * @param groupName the security group of hosts allowed to retrieve the password
 * @param hosts domain-joined computer accounts or a portable user with a plug-in
 * @param target a cluster, or export only
 * @param ticketRef the ticket that asked for this, or {@code null}
 * @param groupScope the scope of the group if the run creates it, {@code null} for domain-local; an existing
 * security group of any scope is used as it is. Left out of the JSON when null, so that requests stored before it
 * existed keep their plan hash.
 * @param placement the OUs to create the objects in; {@code null} for the defaults. Left out of the JSON when
 * {@code null}; the plan always fills it in, so a plan's hash names where every object goes.
 * @param additionalAccounts further existing gMSAs of the same domain the credential spec lists
 * ({@code New-CredentialSpec -AdditionalAccounts}), without {@code $}; the same hosts must be allowed to retrieve
 * their passwords. Left out of the JSON when empty, so requests stored before it existed keep their plan hash.
 */
public record ProvisioningRequest(String directoryConnection, String gmsaName, String dnsHostName, List<String> spns,
		Set<EncryptionType> encryptionTypes, KdsRootKeyChoice kdsRootKey, String groupName, Hosts hosts,
		Target target, @Nullable String ticketRef,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable GroupScope groupScope,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Placement placement,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> additionalAccounts) {

	public ProvisioningRequest {
		additionalAccounts = (additionalAccounts != null) ? RequestRules.additionalAccounts(additionalAccounts, gmsaName)
				: List.of();
		// The portable user's OU means nothing for domain-joined hosts; all defaults is the same as none.
		if (placement != null && !(hosts instanceof Hosts.Portable)) {
			placement = new Placement(placement.groupOu(), placement.gmsaOu(), null);
		}
		placement = (placement == null || placement.isDefault()) ? null : placement;
		RequestRules.placement(placement);
		gmsaName = RequestRules.gmsaName(gmsaName);
		dnsHostName = dnsHostName.toLowerCase(Locale.ROOT);
		// Sorted so that the same request always hashes the same, whatever order the form sent.
		spns = spns.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
		encryptionTypes = new TreeSet<>(encryptionTypes);
		RequestRules.check(directoryConnection, gmsaName, dnsHostName, spns, encryptionTypes, groupName, hosts,
				target, ticketRef);
	}

	/** A request for one gMSA alone in its credential spec. */
	public ProvisioningRequest(String directoryConnection, String gmsaName, String dnsHostName, List<String> spns,
			Set<EncryptionType> encryptionTypes, KdsRootKeyChoice kdsRootKey, String groupName, Hosts hosts,
			Target target, @Nullable String ticketRef, @Nullable GroupScope groupScope, @Nullable Placement placement) {
		this(directoryConnection, gmsaName, dnsHostName, spns, encryptionTypes, kdsRootKey, groupName, hosts, target,
				ticketRef, groupScope, placement, List.of());
	}

	/** A request whose group, if created, is domain-local, and whose objects go to their default places. */
	public ProvisioningRequest(String directoryConnection, String gmsaName, String dnsHostName, List<String> spns,
			Set<EncryptionType> encryptionTypes, KdsRootKeyChoice kdsRootKey, String groupName, Hosts hosts,
			Target target, @Nullable String ticketRef) {
		this(directoryConnection, gmsaName, dnsHostName, spns, encryptionTypes, kdsRootKey, groupName, hosts, target,
				ticketRef, null, null);
	}

	/** The scope a group this request creates gets. */
	public GroupScope newGroupScope() {
		return (this.groupScope != null) ? this.groupScope : GroupScope.DOMAIN_LOCAL;
	}

	/** The same request with its objects placed in these OUs. */
	public ProvisioningRequest withPlacement(@Nullable Placement where) {
		return new ProvisioningRequest(this.directoryConnection, this.gmsaName, this.dnsHostName, this.spns,
				this.encryptionTypes, this.kdsRootKey, this.groupName, this.hosts, this.target, this.ticketRef,
				this.groupScope, where, this.additionalAccounts);
	}

	/** The same request with its credential spec going to {@code where}. */
	public ProvisioningRequest withTarget(Target where) {
		return new ProvisioningRequest(this.directoryConnection, this.gmsaName, this.dnsHostName, this.spns,
				this.encryptionTypes, this.kdsRootKey, this.groupName, this.hosts, where, this.ticketRef,
				this.groupScope, this.placement, this.additionalAccounts);
	}

	/** The same request with these further gMSAs in its credential spec. */
	public ProvisioningRequest withAdditionalAccounts(List<String> accounts) {
		return new ProvisioningRequest(this.directoryConnection, this.gmsaName, this.dnsHostName, this.spns,
				this.encryptionTypes, this.kdsRootKey, this.groupName, this.hosts, this.target, this.ticketRef,
				this.groupScope, this.placement, accounts);
	}

	/** The OUs asked for, {@link Placement#defaults()} when none. */
	public Placement where() {
		return (this.placement != null) ? this.placement : Placement.defaults();
	}

	/** The name as the gMSA's sAMAccountName is written in the directory. */
	public String samAccountName() {
		return this.gmsaName + "$";
	}

}
