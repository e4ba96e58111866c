package org.gmsaportal.provisioning;

import java.time.Instant;
import java.util.List;

import org.gmsaportal.cluster.Clusters;
import org.gmsaportal.cluster.Platform;
import org.gmsaportal.cluster.WorkloadKind;
import org.gmsaportal.cluster.WorkloadRef;
import org.gmsaportal.support.FakeDirectory;
import org.gmsaportal.support.Waiting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

	/**
	 * Each platform profile's export bundle: its own setup commands in the plan's command and at the top of the
	 * bundle, the CoreDNS block where the portal's merge is the platform's way (AKS's az flags instead), and the
	 * workload patch with dnsConfig only where the platform's seed document adds it.
	 */
	@ParameterizedTest
	@EnumSource(Platform.class)
	void eachPlatformsExportBundleCarriesItsSetupItsDnsApproachAndItsWorkloadFields(Platform platform)
			throws InterruptedException {
		ProvisioningRequest asked = Requests.domainJoined(Requests.freshName());
		Target.ExportOnly export = (Target.ExportOnly) asked.target();
		ProvisioningRequest request = asked.withTarget(new Target.ExportOnly(export.namespace(),
				export.serviceAccount(), export.credSpecName(), platform, List.of("10.0.0.4"),
				List.of(new WorkloadRef(WorkloadKind.DEPLOYMENT, "web", false))));
		Plan plan = this.service.plan(request);
		PlannedStep step = plan.steps().stream().filter((s) -> s.kind() == StepKind.EXPORT_BUNDLE).findFirst()
			.orElseThrow();
		String command = EquivalentCommands.of(step, plan.request(), plan.domain());

		String runId = this.service.start(plan, new Approval(plan.hash(), "admin", Instant.now(), null));
		RunView run = Waiting.forRun(this.service, runId);
		assertThat(run.state()).as("%s", run.failure()).isEqualTo(RunState.SUCCEEDED);
		String bundle = run.steps().stream().filter((s) -> s.kind() == StepKind.EXPORT_BUNDLE).findFirst()
			.orElseThrow().artifact();

		assertThat(step.description()).contains("for Deployment/web, as typed");
		assertThat(command).contains("then for each of 1 workloads");
		assertThat(bundle).contains("# --- Workload Deployment/web:",
				"gmsaCredentialSpecName: \"" + export.credSpecName());
		String setup = switch (platform) {
			case AKS -> "az aks update --resource-group <resource group> --name <AKS cluster of <cluster>>"
					+ " --enable-windows-gmsa --gmsa-dns-server 10.0.0.4 --gmsa-root-domain-name contoso.com";
			case AKS_HCI -> "Install-AksHciGMSAWebhook -Name <cluster name of <cluster>>";
			case EKS -> ".\\Patch-Coredns.ps1 -ActiveDirectoryDNS contoso.com -DNSServerIPs 10.0.0.4";
			case RANCHER -> "rancher-charts/rancher-gmsa-webhook";
			case GENERIC -> "through GitOps: kubectl apply --server-side -f ";
		};
		assertThat(command).contains(setup);
		if (platform != Platform.GENERIC) {
			assertThat(bundle).startsWith("# Platform " + platform + ": the gMSA webhook comes from").contains(setup);
		}
		if (platform == Platform.AKS) {
			assertThat(bundle).doesNotContain("# --- CoreDNS");
		}
		else {
			assertThat(bundle).contains("# --- CoreDNS: forward contoso.com to 10.0.0.4 ---", "forward . 10.0.0.4");
		}
		if (platform == Platform.AKS_HCI) {
			assertThat(bundle).contains("dnsConfig:", "nameservers:", "searches:");
		}
		else {
			assertThat(bundle).doesNotContain("dnsConfig");
		}
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
