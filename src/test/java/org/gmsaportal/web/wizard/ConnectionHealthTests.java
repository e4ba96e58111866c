package org.gmsaportal.web.wizard;

import java.net.URI;
import java.util.List;

import org.gmsaportal.cluster.Clusters;
import org.gmsaportal.cluster.PreflightCheck;
import org.gmsaportal.directory.Directory;
import org.gmsaportal.provisioning.LiveChecks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * The overview's connection health: what the wizard last read, with its age, and never a read of its own.
 */
class ConnectionHealthTests {

	private final LiveChecks live = mock(LiveChecks.class);

	private final StatusCache cache = new StatusCache(Runnable::run);

	private final ConnectionHealth health = new ConnectionHealth(this.live, this.cache);

	@Test
	void aConnectionNobodyCheckedIsUncheckedAndNothingIsRead() {
		given(this.live.directoryConnections()).willReturn(List.of(summary("lab", null)));
		given(this.live.clusterConnections()).willReturn(List.of(new Clusters.ClusterSummary("aks", "kubeconfig")));
		assertThat(this.health.all()).extracting(ConnectionHealth.Health::state)
			.containsExactly(ConnectionHealth.State.UNCHECKED, ConnectionHealth.State.UNCHECKED);
		assertThat(this.health.all().get(0).ageSeconds()).isEqualTo(-1);
		verify(this.live, never()).directoryStatus(any());
		verify(this.live, never()).clusterStatus(any());
	}

	@Test
	void theWizardsLastAnswersAreShownWithTheirAge() {
		given(this.live.directoryConnections()).willReturn(List.of(summary("lab", null)));
		given(this.live.clusterConnections()).willReturn(List.of(new Clusters.ClusterSummary("aks", "kubeconfig")));
		this.cache.get("directory:lab", () -> new WizardLiveChecks.DirectoryCheck(null, "Cannot reach a DC"));
		this.cache.get("cluster:aks",
				() -> new PreflightCheck("api", PreflightCheck.Status.PASS, "The API server answers", null));
		List<ConnectionHealth.Health> all = this.health.all();
		assertThat(all.get(0).state()).isEqualTo(ConnectionHealth.State.DOWN);
		assertThat(all.get(0).detail()).isEqualTo("Cannot reach a DC");
		assertThat(all.get(0).ageSeconds()).isBetween(0L, 5L);
		assertThat(all.get(1).state()).isEqualTo(ConnectionHealth.State.OK);
	}

	@Test
	void aConnectionItsConfigurationMakesUnusableIsDownWithoutARead() {
		given(this.live.directoryConnections()).willReturn(List.of(summary("lab", "plain LDAP is refused")));
		assertThat(this.health.all()).singleElement().satisfies(h -> {
			assertThat(h.down()).isTrue();
			assertThat(h.detail()).isEqualTo("plain LDAP is refused");
		});
	}

	private static Directory.ConnectionSummary summary(String name, String refusal) {
		return new Directory.ConnectionSummary(name, "lab.test", List.of(URI.create("ldaps://dc1.lab.test")), "LDAPS",
				false, refusal);
	}

}
