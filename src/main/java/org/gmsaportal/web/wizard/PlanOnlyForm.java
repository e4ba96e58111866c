package org.gmsaportal.web.wizard;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.gmsaportal.provisioning.SecretDelivery;
import org.jspecify.annotations.Nullable;

import org.springframework.validation.Errors;

/**
 * Plan-only mode's form: the domain facts an admin reads off a DC by hand (Get-ADDomain), and the identity, the
 * hosts (computer accounts, or a portable user with a known plug-in) and namespace the artifacts are for
 * ({@link PlanOnlyTargetFields}). A mutable bean so one bad field keeps the others as typed.
 */
public class PlanOnlyForm extends PlanOnlyTargetFields {

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

	@NotNull(message = "{wizard.required}")
	private IdentityStep.@Nullable HostMode hostMode = IdentityStep.HostMode.DOMAIN_JOINED;

	@Size(max = 4000)
	private @Nullable String computerAccounts = "";

	@Size(max = 20)
	@Pattern(regexp = "|" + IdentityStep.ACCOUNT, message = "{wizard.account.pattern}")
	private @Nullable String portableUser = "";

	private @Nullable WizardPlugin plugin;

	// Only for AKS on Azure Local: the CLSID its nodes register, which Microsoft does not publish.
	@Size(max = 40)
	@Pattern(regexp = "[^\\p{Cntrl}]*", message = "{wizard.pluginInput.pattern}")
	private @Nullable String pluginGuid = "";

	@Size(max = 1000)
	@Pattern(regexp = "[^\\p{Cntrl}]*", message = "{wizard.pluginInput.pattern}")
	private @Nullable String pluginInput = "";

	private @Nullable SecretDelivery secretDelivery = SecretDelivery.STORE;

	@Valid
	private OuFields placement = new OuFields();

	@Size(max = 4000)
	private @Nullable String additionalAccounts = "";

	public @Nullable String getAdditionalAccounts() {
		return this.additionalAccounts;
	}

	public void setAdditionalAccounts(@Nullable String additionalAccounts) {
		this.additionalAccounts = additionalAccounts;
	}

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

	/** The rule between fields: nodes that are not domain-joined need the portable user, plug-in and input. */
	void validate(Errors errors) {
		if (this.hostMode != IdentityStep.HostMode.PORTABLE) {
			return;
		}
		for (String field : List.of("portableUser", "pluginInput")) {
			Object value = errors.getFieldValue(field);
			if (!errors.hasFieldErrors(field) && (value == null || value.toString().isBlank())) {
				errors.rejectValue(field, "wizard.portable.required");
			}
		}
		if (this.plugin == null && !errors.hasFieldErrors("plugin")) {
			errors.rejectValue("plugin", "wizard.portable.required");
		}
		if (this.plugin != null && this.plugin.needsClsid() && WizardRequests.text(this.pluginGuid).isEmpty()
				&& !errors.hasFieldErrors("pluginGuid")) {
			errors.rejectValue("pluginGuid", "wizard.pluginGuid.required");
		}
		if (this.secretDelivery == null && !errors.hasFieldErrors("secretDelivery")) {
			errors.rejectValue("secretDelivery", "wizard.portable.required");
		}
	}

	public @Nullable SecretDelivery getSecretDelivery() {
		return this.secretDelivery;
	}

	public void setSecretDelivery(@Nullable SecretDelivery secretDelivery) {
		this.secretDelivery = secretDelivery;
	}

	public IdentityStep.@Nullable HostMode getHostMode() {
		return this.hostMode;
	}

	public void setHostMode(IdentityStep.@Nullable HostMode hostMode) {
		this.hostMode = hostMode;
	}

	public @Nullable String getPortableUser() {
		return this.portableUser;
	}

	public void setPortableUser(@Nullable String portableUser) {
		this.portableUser = portableUser;
	}

	public @Nullable WizardPlugin getPlugin() {
		return this.plugin;
	}

	public void setPlugin(@Nullable WizardPlugin plugin) {
		this.plugin = plugin;
	}

	public @Nullable String getPluginGuid() {
		return this.pluginGuid;
	}

	public void setPluginGuid(@Nullable String pluginGuid) {
		this.pluginGuid = pluginGuid;
	}

	public @Nullable String getPluginInput() {
		return this.pluginInput;
	}

	public void setPluginInput(@Nullable String pluginInput) {
		this.pluginInput = pluginInput;
	}

	public @Nullable String getComputerAccounts() {
		return this.computerAccounts;
	}

	public void setComputerAccounts(@Nullable String computerAccounts) {
		this.computerAccounts = computerAccounts;
	}

	public OuFields getPlacement() {
		return this.placement;
	}

	public void setPlacement(@Nullable OuFields placement) {
		this.placement = (placement != null) ? placement : new OuFields();
	}

}
