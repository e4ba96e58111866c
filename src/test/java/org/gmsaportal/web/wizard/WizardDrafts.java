package org.gmsaportal.web.wizard;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Wizard drafts filled in up to a page, for the slice tests of the pages after it. */
final class WizardDrafts {

	private WizardDrafts() {
	}

	/** Every page before the cluster page valid, the credential spec going to {@code clusterConnection}. */
	static WizardState atCluster(String clusterConnection) {
		WizardState state = new WizardState();
		state.getConnections().setDirectoryConnection("lab");
		state.getConnections().setClusterConnection(clusterConnection);
		IdentityStep identity = state.getIdentity();
		identity.setGmsaName("WebApp01");
		identity.setDnsHostName("webapp01.contoso.com");
		identity.setSpns("HTTP/webapp01.contoso.com");
		identity.setGroupName("WebApp01-hosts");
		identity.setComputerAccounts("NODE1$");
		state.setReached(WizardState.STEPS.indexOf("cluster"));
		return state;
	}

	/** The cluster page's names, as typed. */
	static MultiValueMap<String, String> clusterForm() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("namespace", "apps");
		form.add("serviceAccount", "webapp");
		form.add("credSpecName", "webapp01-spec");
		return form;
	}

}
