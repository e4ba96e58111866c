package org.gmsaportal.web.wizard;

import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.credspec.PluginPreset;
import org.gmsaportal.provisioning.Hosts;
import org.gmsaportal.provisioning.SecretDelivery;
import org.jspecify.annotations.Nullable;

/**
 * The plug-ins the wizard and plan-only mode offer: the known ones by their CLSID, and the Kubernetes Secret plug-in
 * of AKS on Azure Local, whose CLSID Microsoft does not publish, so the admin types the one their nodes register.
 * The known ones keep {@link KnownPlugin}'s names, so drafts saved before AKS on Azure Local was offered still read.
 */
public enum WizardPlugin {

	AZURE_KEY_VAULT(KnownPlugin.AZURE_KEY_VAULT),

	AWS(KnownPlugin.AWS),

	KUBERNETES_SECRET(KnownPlugin.KUBERNETES_SECRET),

	AKS_HCI_SECRET(null);

	private final @Nullable KnownPlugin known;

	WizardPlugin(@Nullable KnownPlugin known) {
		this.known = known;
	}

	public String displayName() {
		return (this.known != null) ? this.known.displayName() : PluginPreset.AKS_HCI_SECRET.displayName();
	}

	/** Whether the admin supplies the CLSID (the {@code pluginGuid} field). */
	public boolean needsClsid() {
		return this.known == null;
	}

	/** The portable hosts this plug-in reads for; a typed CLSID counts only where the admin supplies it. */
	Hosts.Portable hosts(String userName, @Nullable String typedClsid, String pluginInput,
			@Nullable SecretDelivery delivery) {
		if (this.known != null) {
			return new Hosts.Portable(userName, this.known.clsid(), pluginInput, delivery);
		}
		return new Hosts.Portable(userName, WizardRequests.text(typedClsid), pluginInput, delivery,
				PluginPreset.AKS_HCI_SECRET);
	}

}
