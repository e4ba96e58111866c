package org.gmsaportal.web.wizard;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.GroupScope;
import org.gmsaportal.provisioning.RequestRules;
import org.gmsaportal.provisioning.SecretDelivery;
import org.jspecify.annotations.Nullable;

import org.springframework.validation.Errors;

/**
 * Step 3: the gMSA, its allowed-hosts group and how the Windows nodes reach the password. Known plug-ins only:
 * their inputs name where a secret lives and are never secrets themselves, so the draft may hold them.
 */
public class IdentityStep implements Serializable {

	private static final long serialVersionUID = 1L;

	static final String ACCOUNT = "[A-Za-z0-9][A-Za-z0-9_.-]*";

	// As the engine's rule: group names may hold inner spaces ("WebApp Hosts").
	static final String GROUP = "[A-Za-z0-9]([A-Za-z0-9 _.-]*[A-Za-z0-9_-])?";

	/** How the nodes get the password. */
	public enum HostMode {

		DOMAIN_JOINED, PORTABLE

	}

	// Each pattern also accepts empty: an empty required field gets "is required" once, not a second message.
	@NotBlank(message = "{wizard.required}")
	@Size(max = RequestRules.GMSA_NAME_MAX_LENGTH, message = "{wizard.gmsaName.size}")
	@Pattern(regexp = "|" + RequestRules.GMSA_NAME_PATTERN, message = "{wizard.gmsaName.pattern}")
	private @Nullable String gmsaName;

	@NotBlank(message = "{wizard.required}")
	@Size(max = 253)
	@Pattern(regexp = "[A-Za-z0-9.-]*", message = "{wizard.dnsHostName.pattern}")
	private @Nullable String dnsHostName;

	@Size(max = 4000)
	private @Nullable String spns = "";

	@NotEmpty(message = "{wizard.encryptionTypes.required}")
	private List<EncryptionType> encryptionTypes = new ArrayList<>(List.of(EncryptionType.AES256_CTS_HMAC_SHA1_96));

	// Further existing gMSAs in the same credential spec (New-CredentialSpec -AdditionalAccounts), one per line;
	// the engine checks the names, the plan that they exist and that the same hosts may retrieve them.
	@Size(max = 4000)
	private @Nullable String additionalAccounts = "";

	@NotBlank(message = "{wizard.required}")
	@Size(max = 64)
	@Pattern(regexp = "|(?:" + GROUP + ")", message = "{wizard.groupName.pattern}")
	private @Nullable String groupName;

	// Only for a group the run creates; an existing security group of any scope is used as it is.
	@NotNull(message = "{wizard.required}")
	private @Nullable GroupScope groupScope = GroupScope.DOMAIN_LOCAL;

	@NotNull(message = "{wizard.required}")
	private @Nullable HostMode hostMode = HostMode.DOMAIN_JOINED;

	@Size(max = 4000)
	private @Nullable String computerAccounts = "";

	@Size(max = 20)
	@Pattern(regexp = "|" + ACCOUNT, message = "{wizard.account.pattern}")
	private @Nullable String portableUser = "";

	private @Nullable WizardPlugin plugin;

	// Only for AKS on Azure Local: the CLSID its nodes register, which Microsoft does not publish.
	@Size(max = 40)
	@Pattern(regexp = "[^\\p{Cntrl}]*", message = "{wizard.pluginInput.pattern}")
	private @Nullable String pluginGuid = "";

	@Size(max = 1000)
	@Pattern(regexp = "[^\\p{Cntrl}]*", message = "{wizard.pluginInput.pattern}")
	private @Nullable String pluginInput = "";

	// The portal writes the plug-in's store unless the admin keeps that step (issue 13): no hand-carried password.
	private @Nullable SecretDelivery secretDelivery = SecretDelivery.STORE;

	@Size(max = 128)
	@Pattern(regexp = "|[A-Za-z0-9][A-Za-z0-9_.:#/-]*", message = "{wizard.ticketRef.pattern}")
	private @Nullable String ticketRef = "";

	// Where the objects go: kept in a form of its own, shared with plan-only mode.
	@Valid
	private OuFields placement = new OuFields();

	/** The rules between fields: the portable mode needs its user, plug-in, input and who stores the secret. */
	void validate(Errors errors) {
		if (this.hostMode == HostMode.PORTABLE) {
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
	}

	/** Adds a computer account picked from the search as a line of its own, unless it is listed already. */
	void addComputerAccount(String account) {
		String picked = account.strip();
		List<String> listed = WizardRequests.lines(this.computerAccounts);
		if (picked.isEmpty() || picked.length() > 64 || listed.stream().anyMatch(picked::equalsIgnoreCase)) {
			return;
		}
		List<String> lines = new ArrayList<>(listed);
		lines.add(picked);
		this.computerAccounts = String.join("\n", lines);
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

	public List<EncryptionType> getEncryptionTypes() {
		return this.encryptionTypes;
	}

	public void setEncryptionTypes(@Nullable List<EncryptionType> encryptionTypes) {
		this.encryptionTypes = (encryptionTypes != null) ? encryptionTypes : new ArrayList<>();
	}

	public @Nullable String getGroupName() {
		return this.groupName;
	}

	public void setGroupName(@Nullable String groupName) {
		this.groupName = groupName;
	}

	public @Nullable GroupScope getGroupScope() {
		return this.groupScope;
	}

	public void setGroupScope(@Nullable GroupScope groupScope) {
		this.groupScope = groupScope;
	}

	public @Nullable HostMode getHostMode() {
		return this.hostMode;
	}

	public void setHostMode(@Nullable HostMode hostMode) {
		this.hostMode = hostMode;
	}

	public @Nullable String getComputerAccounts() {
		return this.computerAccounts;
	}

	public void setComputerAccounts(@Nullable String computerAccounts) {
		this.computerAccounts = computerAccounts;
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

	public @Nullable SecretDelivery getSecretDelivery() {
		return this.secretDelivery;
	}

	public void setSecretDelivery(@Nullable SecretDelivery secretDelivery) {
		this.secretDelivery = secretDelivery;
	}

	public @Nullable String getTicketRef() {
		return this.ticketRef;
	}

	public void setTicketRef(@Nullable String ticketRef) {
		this.ticketRef = ticketRef;
	}

	public OuFields getPlacement() {
		return this.placement;
	}

	public void setPlacement(@Nullable OuFields placement) {
		this.placement = (placement != null) ? placement : new OuFields();
	}

	public @Nullable String getAdditionalAccounts() {
		return this.additionalAccounts;
	}

	public void setAdditionalAccounts(@Nullable String additionalAccounts) {
		this.additionalAccounts = additionalAccounts;
	}

}
