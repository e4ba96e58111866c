package org.gmsaportal.web.wizard;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.validation.Errors;

/**
 * The name of the Secret a Kubernetes Secret plug-in reads ({@code PluginInput} is {@code <namespace>:<secret>}),
 * suggested from the gMSA name as the cluster page suggests its names ({@link ClusterSuggestions}): an admin who
 * gives only the namespace gets {@code <gmsa>-identity}, and the page says it is a suggestion. It is filled in on
 * Next, on the server, so it works without script; a typed Secret name is never replaced, only checked.
 */
final class PluginSecretName {

	static final String SUFFIX = "-identity";

	// Kubernetes object names: a DNS-1123 subdomain; a namespace: a DNS-1123 label.
	private static final Pattern SUBDOMAIN = Pattern.compile(ClusterStep.DNS_NAME);

	private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

	private PluginSecretName() {
	}

	/** The suggested Secret name, or {@code null} when the plug-in reads no Kubernetes Secret or no name fits. */
	static @Nullable String suggestion(IdentityStep identity) {
		if (!readsSecret(identity)) {
			return null;
		}
		String gmsa = WizardRequests.text(identity.getGmsaName()).toLowerCase(Locale.ROOT).replace('_', '-');
		if (gmsa.endsWith("$")) {
			gmsa = gmsa.substring(0, gmsa.length() - 1);
		}
		String name = gmsa + SUFFIX;
		return (!gmsa.isEmpty() && SUBDOMAIN.matcher(name).matches() && name.length() <= 253) ? name : null;
	}

	/** Completes an input that names only the namespace ({@code apps} or {@code apps:}) with the suggestion. */
	static void fill(IdentityStep identity) {
		String suggested = suggestion(identity);
		String input = WizardRequests.text(identity.getPluginInput());
		int colon = input.indexOf(':');
		if (suggested != null && !input.isEmpty() && (colon < 0 || colon == input.length() - 1)) {
			identity.setPluginInput(((colon < 0) ? input : input.substring(0, colon)) + ":" + suggested);
		}
	}

	/** Whether the input holds the suggested Secret name, typed so or filled in. */
	static boolean holds(IdentityStep identity) {
		String suggested = suggestion(identity);
		return suggested != null && WizardRequests.text(identity.getPluginInput()).endsWith(":" + suggested);
	}

	/** The input must name a namespace and a Secret by Kubernetes' rules; the message names the part at fault. */
	static void check(IdentityStep identity, Errors errors) {
		String input = WizardRequests.text(identity.getPluginInput());
		if (!readsSecret(identity) || input.isEmpty() || errors.hasFieldErrors("pluginInput")) {
			return;
		}
		int colon = input.indexOf(':');
		String namespace = (colon < 0) ? input : input.substring(0, colon);
		String secret = (colon < 0) ? "" : input.substring(colon + 1);
		if (!LABEL.matcher(namespace).matches()) {
			errors.rejectValue("pluginInput", "wizard.pluginInput.namespace", new Object[] { namespace }, null);
		}
		else if (secret.isEmpty()) {
			errors.rejectValue("pluginInput", "wizard.pluginInput.secretMissing");
		}
		else if (!SUBDOMAIN.matcher(secret).matches() || secret.length() > 253) {
			errors.rejectValue("pluginInput", "wizard.pluginInput.secretName", new Object[] { secret }, null);
		}
	}

	private static boolean readsSecret(IdentityStep identity) {
		WizardPlugin plugin = identity.getPlugin();
		return identity.getHostMode() == IdentityStep.HostMode.PORTABLE
				&& (plugin == WizardPlugin.KUBERNETES_SECRET || plugin == WizardPlugin.AKS_HCI_SECRET);
	}

}
