package org.gmsaportal.provisioning;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.gmsaportal.cluster.Platform;
import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.directory.Directory;
import org.gmsaportal.directory.Directory.Mode;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.support.LabServices;
import org.gmsaportal.support.MockCluster;
import org.gmsaportal.support.Waiting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole runs per platform profile: the Samba lab DC for the directory half, and fabric8's mock API server (CRUD
 * mode plus server-side apply, seeded with the CRD, webhooks, Windows nodes and CoreDNS) as every configured
 * cluster, each connection naming its platform in {@code gmsa.cluster.connections.<name>.platform}. No real API
 * server can run on these machines. Also the further gMSAs of a credential spec, checked against the lab DC.
 */
@SpringBootTest
class PlatformProfileRunIntegrationTests {

	private static MockCluster cluster;

	@Autowired
	ProvisioningService service;

	@Autowired
	Directory directory;

	@BeforeAll
	static void startCluster() {
		LabServices.dc("GMSA_LAB_LDAPS_URL");
		cluster = MockCluster.start().withGmsaSupport().answerAccessReviews(false);
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@DynamicPropertySource
	static void connections(DynamicPropertyRegistry registry) {
		LabServices.registerLabDirectoryWithServiceAccount(registry);
		for (Platform platform : Platform.values()) {
			String prefix = "gmsa.cluster.connections." + connection(platform);
			registry.add(prefix + ".kubeconfig", () -> cluster.kubeconfig().toString());
			registry.add(prefix + ".context", () -> "mock");
			registry.add(prefix + ".platform", platform::name);
		}
	}

	private static String connection(Platform platform) {
		return "mock-" + platform.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	private static String fresh(String prefix) {
		return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 9);
	}

	private ProvisioningRequest request(Platform platform, String name, Hosts hosts, List<String> dns) {
		return new ProvisioningRequest("lab", name, name + ".lab.test", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, name + "-hosts", hosts,
				new Target.Cluster(connection(platform), "app-ns", "webapp-sa", name + "-spec", dns, null), "CHG0014");
	}

	private RunView run(ProvisioningRequest request) throws InterruptedException {
		Plan plan = this.service.plan(request);
		assertThat(plan.runnable()).as("%s", plan.blockers()).isTrue();
		String runId = this.service.start(plan, new Approval(plan.hash(), "admin", Instant.now(), null));
		RunView run = Waiting.forRun(this.service, runId);
		assertThat(run.state()).as("%s", run.failure()).isEqualTo(RunState.SUCCEEDED);
		return run;
	}

	private static RunView.StepView step(RunView run, StepKind kind) {
		return run.steps().stream().filter((s) -> s.kind() == kind).findFirst().orElseThrow();
	}

	@ParameterizedTest
	@EnumSource(value = Platform.class, names = { "AKS", "EKS", "GENERIC" })
	void aDomainJoinedRunAppliesWhatItsPlatformNeedsAndMergesCoreDnsOnlyWhereThePortalDoesIt(Platform platform)
			throws InterruptedException {
		String name = fresh("p");
		RunView run = run(request(platform, name, new Hosts.DomainJoined(List.of()), List.of("10.0.0.4")));

		String applied = step(run, StepKind.APPLY_TO_CLUSTER).artifact();
		assertThat(applied).contains("\"kind\":\"GMSACredentialSpec\"", "\"name\":\"" + name + "-spec\"");
		assertThat(cluster.client.genericKubernetesResources("windows.k8s.io/v1", "GMSACredentialSpec")
			.withName(name + "-spec").get()).isNotNull();
		if (platform == Platform.AKS) {
			assertThat(applied).as("AKS writes its own forward block").doesNotContain("coredns");
		}
		else {
			// Merged by this run, or already by an earlier platform's run on the same mock: the block is there.
			assertThat(cluster.client.configMaps().inNamespace("kube-system").withName("coredns").get().getData()
				.get("Corefile")).contains("lab.test:53", "forward . 10.0.0.4");
		}
		assertThat(step(run, StepKind.CLUSTER_PREFLIGHT).description()).contains(platform.name());
	}

	@ParameterizedTest
	@EnumSource(value = Platform.class, names = { "RANCHER", "AKS_HCI" })
	void aPortableRunOnAPlatformThatReadsAKubernetesSecretAppliesIt(Platform platform) throws InterruptedException {
		String name = fresh("k");
		RunView run = run(request(platform, name, new Hosts.Portable(name + "-ccg", KnownPlugin.KUBERNETES_SECRET.clsid(),
				"app-ns:" + name + "-ccg"), List.of()));

		assertThat(cluster.client.secrets().inNamespace("app-ns").withName(name + "-ccg").get().getData())
			.containsKeys("username", "password", "domainName");
		// AKS on Azure Local sends DNS through each workload's dnsConfig: the preflight does not ask for CoreDNS.
		if (platform == Platform.AKS_HCI) {
			assertThat(step(run, StepKind.CLUSTER_PREFLIGHT).detail()).contains("dns PASS");
		}
		assertThat(step(run, StepKind.CLUSTER_PREFLIGHT).description()).contains(platform.name());
	}

	@Test
	void aFurtherGmsaTheHostsCannotRetrieveIsABlockerOnItsFieldAndOneTheyCanIsListed() {
		String name = fresh("a");
		String group = name + "-hosts";
		String retrievable = fresh("r");
		String foreign = fresh("f");
		this.directory.ensureGroup("lab", group, Mode.APPLY, null);
		this.directory.ensureGroup("lab", foreign + "-hosts", Mode.APPLY, null);
		this.directory.ensureGmsa("lab", new Directory.GmsaSpec(retrievable, retrievable + ".lab.test", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), group), Mode.APPLY, null);
		this.directory.ensureGmsa("lab", new Directory.GmsaSpec(foreign, foreign + ".lab.test", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), foreign + "-hosts"), Mode.APPLY, null);
		ProvisioningRequest request = new ProvisioningRequest("lab", name, name + ".lab.test", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, group,
				new Hosts.DomainJoined(List.of()), new Target.ExportOnly("app-ns", "webapp-sa", name + "-spec"), null);

		Plan ok = this.service.plan(request.withAdditionalAccounts(List.of(retrievable)));
		Plan blocked = this.service.plan(request.withAdditionalAccounts(List.of(retrievable, foreign)));

		assertThat(ok.runnable()).as("%s", ok.blockers()).isTrue();
		assertThat(ok.steps()).filteredOn((s) -> s.kind() == StepKind.GENERATE_CREDSPEC).singleElement()
			.satisfies((s) -> assertThat(s.description()).contains("further gMSAs", retrievable));
		assertThat(blocked.blockers()).singleElement().satisfies((b) -> {
			assertThat(b.field()).isEqualTo("additionalAccounts[1]");
			assertThat(b.message()).contains("Further gMSA " + foreign, "names neither group " + group);
		});
	}

}
