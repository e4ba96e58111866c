package org.gmsaportal.web.wizard;

import java.util.List;

import org.gmsaportal.cluster.Platform;
import org.gmsaportal.provisioning.Target;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster page's platform choice reaches the request's target: a live cluster or an export names it, and no
 * choice leaves the connection's platform to the plan.
 */
class WizardPlatformTests {

	private static WizardState state(String clusterConnection, Platform platform) {
		WizardState state = new WizardState();
		state.getConnections().setDirectoryConnection("lab");
		state.getConnections().setClusterConnection(clusterConnection);
		state.getCluster().setNamespace("apps");
		state.getCluster().setServiceAccount("webapp");
		state.getCluster().setCredSpecName("web-spec");
		state.getCluster().setPlatform(platform);
		return state;
	}

	@Test
	void theChosenPlatformIsTheTargets() {
		assertThat(WizardRequests.target(state("prod", Platform.AKS_HCI)))
			.isEqualTo(new Target.Cluster("prod", "apps", "webapp", "web-spec", List.of(), null, Platform.AKS_HCI));
		assertThat(WizardRequests.target(state("prod", null))).isInstanceOfSatisfying(Target.Cluster.class,
				(cluster) -> assertThat(cluster.platform()).isNull());
		assertThat(WizardRequests.target(state("", Platform.EKS)))
			.isEqualTo(new Target.ExportOnly("apps", "webapp", "web-spec", Platform.EKS));
	}

}
