package org.gmsaportal.web.wizard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The Kubernetes names the cluster page suggests, so that an admin does not invent three names for one gMSA: the
 * credential spec resource and the workload's service account named after the gMSA, as the windows-gmsa chart names
 * its credential spec (lower case, '_' as '-'), and the namespace of the Secret a Kubernetes Secret plug-in reads,
 * which must be the workload's. They are only suggestions: the page says so, and a typed name is never replaced.
 *
 * @param namespace the namespace suggested, or {@code null} when nothing points to one
 * @param serviceAccount the service account name suggested, or {@code null}
 * @param credSpecName the credential spec resource name suggested, or {@code null}
 */
record ClusterSuggestions(@Nullable String namespace, @Nullable String serviceAccount, @Nullable String credSpecName) {

	private static final Pattern DNS_NAME = Pattern.compile(ClusterStep.DNS_NAME);

	private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

	/** The suggestions for the wizard's identity page as filled in. */
	static ClusterSuggestions of(WizardState wizard) {
		IdentityStep identity = wizard.getIdentity();
		String name = WizardRequests.text(identity.getGmsaName()).toLowerCase(Locale.ROOT).replace('_', '-');
		if (name.endsWith("$")) {
			name = name.substring(0, name.length() - 1);
		}
		String named = (DNS_NAME.matcher(name).matches() && name.length() <= 253) ? name : null;
		return new ClusterSuggestions(secretNamespace(identity), named, named);
	}

	/**
	 * Fills each empty name of {@code form} with its suggestion.
	 * @return the fields that hold their suggestion now, typed so or filled in
	 */
	List<String> fill(ClusterStep form) {
		if (WizardRequests.text(form.getNamespace()).isEmpty() && this.namespace != null) {
			form.setNamespace(this.namespace);
		}
		if (WizardRequests.text(form.getServiceAccount()).isEmpty() && this.serviceAccount != null) {
			form.setServiceAccount(this.serviceAccount);
		}
		if (WizardRequests.text(form.getCredSpecName()).isEmpty() && this.credSpecName != null) {
			form.setCredSpecName(this.credSpecName);
		}
		return holding(form);
	}

	/** The fields of {@code form} whose value is their suggestion. */
	List<String> holding(ClusterStep form) {
		List<String> fields = new ArrayList<>();
		if (this.namespace != null && this.namespace.equals(form.getNamespace())) {
			fields.add("namespace");
		}
		if (this.serviceAccount != null && this.serviceAccount.equals(form.getServiceAccount())) {
			fields.add("serviceAccount");
		}
		if (this.credSpecName != null && this.credSpecName.equals(form.getCredSpecName())) {
			fields.add("credSpecName");
		}
		return fields;
	}

	// A Kubernetes Secret plug-in's input is <namespace>:<secret name>; the workload runs beside that Secret.
	private static @Nullable String secretNamespace(IdentityStep identity) {
		WizardPlugin plugin = identity.getPlugin();
		if (identity.getHostMode() != IdentityStep.HostMode.PORTABLE || (plugin != WizardPlugin.KUBERNETES_SECRET
				&& plugin != WizardPlugin.AKS_HCI_SECRET)) {
			return null;
		}
		String input = WizardRequests.text(identity.getPluginInput());
		int colon = input.indexOf(':');
		String namespace = (colon > 0) ? input.substring(0, colon) : "";
		return LABEL.matcher(namespace).matches() ? Objects.requireNonNull(namespace) : null;
	}

}
