package org.gmsaportal.web.wizard;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Plan-only mode's form: the domain facts an admin reads off a DC by hand (Get-ADDomain), and the identity
 * and namespace the artifacts are for. A mutable bean so one bad field keeps the others as typed.
 */
public class PlanOnlyForm {

	@NotBlank
	@Size(max = 253)
	private @Nullable String dnsName;

	@NotBlank
	@Size(max = 15)
	private @Nullable String netbiosName;

	@NotBlank
	@Size(max = 253)
	private @Nullable String forestDnsName;

	@NotBlank
	@Size(max = 200)
	private @Nullable String domainSid;

	@NotBlank
	@Size(max = 40)
	private @Nullable String domainGuid;

	@NotBlank
	@Size(max = 15)
	private @Nullable String gmsaName;

	@Size(max = 253)
	private @Nullable String dnsHostName;

	@Size(max = 4000)
	private @Nullable String spns = "";

	@Size(max = 64)
	private @Nullable String groupName;

	@Size(max = 4000)
	private @Nullable String computerAccounts = "";

	@NotBlank
	@Size(max = 63)
	private @Nullable String namespace = "default";

	@NotBlank
	@Size(max = 253)
	private @Nullable String serviceAccount = "default";

	@Size(max = 253)
	private @Nullable String credSpecName;

	public @Nullable String getDnsName() {
		return this.dnsName;
	}

	public void setDnsName(@Nullable String dnsName) {
		this.dnsName = dnsName;
	}

	public @Nullable String getNetbiosName() {
		return this.netbiosName;
	}

	public void setNetbiosName(@Nullable String netbiosName) {
		this.netbiosName = netbiosName;
	}

	public @Nullable String getForestDnsName() {
		return this.forestDnsName;
	}

	public void setForestDnsName(@Nullable String forestDnsName) {
		this.forestDnsName = forestDnsName;
	}

	public @Nullable String getDomainSid() {
		return this.domainSid;
	}

	public void setDomainSid(@Nullable String domainSid) {
		this.domainSid = domainSid;
	}

	public @Nullable String getDomainGuid() {
		return this.domainGuid;
	}

	public void setDomainGuid(@Nullable String domainGuid) {
		this.domainGuid = domainGuid;
	}

	public @Nullable String getGmsaName() {
		return this.gmsaName;
	}

	public void setGmsaName(@Nullable String gmsaName) {
		this.gmsaName = gmsaName;
	}

	public @Nullable String getDnsHostName() {
		return this.dnsHostName;
	}

	public void setDnsHostName(@Nullable String dnsHostName) {
		this.dnsHostName = dnsHostName;
	}

	public @Nullable String getSpns() {
		return this.spns;
	}

	public void setSpns(@Nullable String spns) {
		this.spns = spns;
	}

	public @Nullable String getGroupName() {
		return this.groupName;
	}

	public void setGroupName(@Nullable String groupName) {
		this.groupName = groupName;
	}

	public @Nullable String getComputerAccounts() {
		return this.computerAccounts;
	}

	public void setComputerAccounts(@Nullable String computerAccounts) {
		this.computerAccounts = computerAccounts;
	}

	public @Nullable String getNamespace() {
		return this.namespace;
	}

	public void setNamespace(@Nullable String namespace) {
		this.namespace = namespace;
	}

	public @Nullable String getServiceAccount() {
		return this.serviceAccount;
	}

	public void setServiceAccount(@Nullable String serviceAccount) {
		this.serviceAccount = serviceAccount;
	}

	public @Nullable String getCredSpecName() {
		return this.credSpecName;
	}

	public void setCredSpecName(@Nullable String credSpecName) {
		this.credSpecName = credSpecName;
	}

}
