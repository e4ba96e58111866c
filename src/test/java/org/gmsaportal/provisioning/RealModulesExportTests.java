package org.gmsaportal.provisioning;

import java.time.Instant;

import org.gmsaportal.cluster.Clusters;
import org.gmsaportal.support.FakeDirectory;
import org.gmsaportal.support.Waiting;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An export-only run through the real credspec and cluster modules (export reads no cluster); only the directory
 * is the test double {@link FakeDirectory}, until the directory adapter is wired.
 */
@SpringBootTest
@Import(RealModulesExportTests.DirectoryOnly.class)
class RealModulesExportTests {

	@Autowired
	ProvisioningService service;

	@Autowired
	Clusters cluster;

	@Test
	void exportOnlyRunProducesTheRealBundleAndCredentialSpec() throws InterruptedException {
		assertThat(this.cluster).isNotInstanceOf(FakeCluster.class);
		ProvisioningRequest request = Requests.domainJoined(Requests.freshName());
		Plan plan = this.service.plan(request);
		String runId = this.service.start(plan, new Approval(plan.hash(), "admin", Instant.now(), null));
		RunView run = Waiting.forRun(this.service, runId);
		assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
		RunView.StepView credSpec = run.steps().get(5);
		assertThat(credSpec.kind()).isEqualTo(StepKind.GENERATE_CREDSPEC);
		assertThat(credSpec.artifact()).contains("\"GroupManagedServiceAccounts\"", request.gmsaName(), "CONTOSO",
				FakeDirectory.CONTOSO.domainSid());
		RunView.StepView export = run.steps().get(6);
		assertThat(export.kind()).isEqualTo(StepKind.EXPORT_BUNDLE);
		assertThat(export.artifact()).contains("kind: \"GMSACredentialSpec\"",
				"name: \"" + request.gmsaName().toLowerCase() + "-spec\"", "kind: \"ClusterRole\"",
				"kind: \"RoleBinding\"", "gmsaportal.org/run-id: \"" + runId + "\"", "MachineAccountName: \""
						+ request.gmsaName() + "\"");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class DirectoryOnly {

		@Bean
		@Primary
		FakeDirectory fakeDirectory() {
			return new FakeDirectory();
		}

	}

}
