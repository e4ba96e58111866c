package org.gmsaportal.provisioning;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.gmsaportal.cluster.WorkloadKind;
import org.gmsaportal.cluster.WorkloadRef;
import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.support.LabServices;
import org.gmsaportal.support.Waiting;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An export-only run against the Samba lab DC through the real directory and cluster modules (export reads no
 * cluster): the bundle forwards the domain to the DCs the directory connection reaches when the request names no DNS
 * servers, and carries the apply patch of each workload the request names.
 */
@SpringBootTest
class ExportBundleLabIntegrationTests {

	@Autowired
	ProvisioningService service;

	@BeforeAll
	static void requireLabDc() {
		LabServices.dc("GMSA_LAB_LDAPS_URL");
	}

	@DynamicPropertySource
	static void labDirectory(DynamicPropertyRegistry registry) {
		LabServices.registerLabDirectoryWithServiceAccount(registry);
	}

	@Test
	void anExportForwardsTheDomainToTheConnectionsDcAndCarriesEachNamedWorkloadsPatch() throws Exception {
		String dc = URI.create(LabServices.dc("GMSA_LAB_LDAPS_URL")).getHost();
		String name = Requests.freshName();
		String spec = name.toLowerCase() + "-spec";
		ProvisioningRequest request = new ProvisioningRequest("lab", name, name + ".lab.test", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, name + "-hosts",
				new Hosts.Portable(name + "-ccg", KnownPlugin.KUBERNETES_SECRET.clsid(), "apps:" + name + "-ccg"),
				new Target.ExportOnly("apps", "webapp", spec).withWorkloads(List.of(
						new WorkloadRef(WorkloadKind.DEPLOYMENT, "web", true),
						new WorkloadRef(WorkloadKind.STATEFUL_SET, "sql", false))), null);

		Plan plan = this.service.plan(request);
		// The plan names the servers, so the hash binds what the review showed.
		assertThat(((Target.ExportOnly) plan.request().target()).dnsForwardServers()).containsExactly(dc);
		assertThat(plan.steps()).filteredOn((s) -> s.kind() == StepKind.EXPORT_BUNDLE).singleElement()
			.satisfies((s) -> assertThat(s.description()).contains(
					"the CoreDNS forward block for the domain to " + dc,
					"field manager gmsa-portal-workloads, never forced) for Deployment/web, StatefulSet/sql,"
							+ " as typed"));

		String runId = this.service.start(plan, new Approval(plan.hash(), "admin", Instant.now(), null));
		RunView run = Waiting.forRun(this.service, runId);
		assertThat(run.state()).as("%s", run.failure()).isEqualTo(RunState.SUCCEEDED);
		String bundle = run.steps().stream().filter((s) -> s.kind() == StepKind.EXPORT_BUNDLE).findFirst()
			.orElseThrow().artifact();
		assertThat(bundle).contains("# --- CoreDNS: forward lab.test to " + dc + " ---",
				"#   lab.test:53 {", "forward . " + dc,
				"# --- Workload Deployment/web: only the fields gMSA Portal owns",
				"# --- Workload StatefulSet/sql:",
				"gmsaCredentialSpecName: \"" + spec + "\"",
				"serviceAccountName: \"webapp\"");

		// A request that names its servers keeps them: the directory's DCs are only the default.
		Plan named = this.service.plan(request.withTarget(((Target.ExportOnly) request.target())
			.withDnsForwardServers(List.of("10.9.8.7"))));
		assertThat(((Target.ExportOnly) named.request().target()).dnsForwardServers()).containsExactly("10.9.8.7");
	}

}
