package org.gmsaportal.provisioning;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gmsaportal.cluster.GmsaDeployment;
import org.gmsaportal.cluster.Platform;
import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.support.FakeDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each seed document's platform on its own: what its profile puts in the plan, the objects the run applies, the
 * commands the review shows and the notes at the top of an export bundle. The applied objects on the fabric8 mock
 * are in {@code PlatformProfileRunIntegrationTests}.
 */
class PlatformProfileTests {

	private final FakeDirectory directory = new FakeDirectory();

	// Every connection is named after the platform it is configured with, as gmsa.cluster.connections.<p>.platform.
	private final Planner planner = new Planner(this.directory,
			new ExistingObjects(this.directory, (domain, name) -> Optional.empty()), new FakeCluster(),
			new org.gmsaportal.secretstores.SecretStores(java.util.List.of()), (connection) -> Platform.valueOf(connection.toUpperCase(java.util.Locale.ROOT).replace('-', '_')));

	@BeforeEach
	void reset() {
		this.directory.reset();
	}

	private static ProvisioningRequest onCluster(Platform platform, Hosts hosts, List<String> dnsServers) {
		String name = Requests.freshName();
		return new ProvisioningRequest("lab", name, name + ".contoso.com", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, name + "-hosts", hosts,
				new Target.Cluster(platform.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), "apps",
						"webapp", "web-spec", dnsServers, null), null);
	}

	private static ProvisioningRequest joined(Platform platform, List<String> dnsServers) {
		return onCluster(platform, new Hosts.DomainJoined(List.of("NODE1$")), dnsServers);
	}

	private static PlannedStep step(Plan plan, StepKind kind) {
		return plan.steps().stream().filter((s) -> s.kind() == kind).findFirst().orElseThrow();
	}

	private static String command(Plan plan, StepKind kind) {
		return EquivalentCommands.of(step(plan, kind), plan.request(), plan.domain());
	}

	private static GmsaDeployment deployment(Plan plan) {
		return RequestTranslation.deployment("run-1", plan.request(), plan.domain(),
				Map.of("CmsPlugins", List.of("ActiveDirectory")), null);
	}

	@Test
	void aksLetsAzWriteTheDnsForwardAndInstallTheWebhook() {
		Plan plan = this.planner.plan(joined(Platform.AKS, List.of("10.0.0.4")));

		assertThat(((Target.Cluster) plan.request().target()).platform()).isEqualTo(Platform.AKS);
		assertThat(step(plan, StepKind.CLUSTER_PREFLIGHT).description()).contains("AKS: webhook from AKS itself");
		assertThat(step(plan, StepKind.APPLY_TO_CLUSTER).description()).contains("no CoreDNS merge")
			.doesNotContain("CoreDNS forward block");
		assertThat(deployment(plan).dnsForward()).isNull();
		assertThat(command(plan, StepKind.CLUSTER_PREFLIGHT)).startsWith("az aks update --resource-group <resource "
				+ "group> --name <AKS cluster of aks> --enable-windows-gmsa --gmsa-dns-server 10.0.0.4 "
				+ "--gmsa-root-domain-name contoso.com");
		assertThat(command(plan, StepKind.APPLY_TO_CLUSTER)).startsWith("kubectl --context aks apply --server-side");
		assertThat(PlatformProfile.of(Platform.AKS).defaultPlugin()).isEqualTo(KnownPlugin.AZURE_KEY_VAULT);
		assertThat(PlatformProfile.of(Platform.AKS).webhookInstall("aks")).contains("--enable-windows-gmsa");
	}

	@Test
	void aksTakesOneDnsServerAsItsFlagDoes() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.planner.plan(joined(Platform.AKS, List.of("10.0.0.4", "10.0.0.5"))))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("target.dnsForwardServers"))
			.withMessageContaining("VNet's custom DNS servers");
	}

	@Test
	void aksOnAzureLocalUsesItsCmdletsAndPodDnsConfig() {
		Plan plan = this.planner.plan(onCluster(Platform.AKS_HCI,
				new Hosts.Portable("web-ccg", KnownPlugin.KUBERNETES_SECRET.clsid(), "apps:web-ccg"), List.of()));
		PlatformProfile profile = PlatformProfile.of(Platform.AKS_HCI);

		assertThat(profile.workloadDnsConfig()).isTrue();
		assertThat(profile.workloadSecretVolume()).isTrue();
		assertThat(profile.defaultPlugin()).as("its plug-in's CLSID is not published").isNull();
		assertThat(command(plan, StepKind.CLUSTER_PREFLIGHT)).startsWith("Install-AksHciGMSAWebhook -Name <cluster name "
				+ "of aks-hci>").contains("dnsConfig nameservers");
		assertThat(command(plan, StepKind.APPLY_TO_CLUSTER)).startsWith("Add-AksHciGMSACredentialSpec -Name <cluster "
				+ "name> -credSpecFilePath <netbios>_" + plan.request().gmsaName().toLowerCase() + ".json -credSpecName "
				+ "web-spec -clusterRoleName web-spec-gmsa-use -secretName web-ccg -secretNamespace apps "
				+ "-serviceAccount webapp").contains("# or: kubectl --context aks-hci apply");
		assertThat(deployment(plan).identitySecret()).isNotNull();
	}

	@Test
	void eksMergesCoreDnsAsPatchCorednsWouldAndUsesTheAwsPlugin() {
		Plan plan = this.planner.plan(joined(Platform.EKS, List.of("10.0.0.4", "10.0.0.5")));

		assertThat(deployment(plan).dnsForward()).isEqualTo(new GmsaDeployment.DnsForward("contoso.com",
				List.of("10.0.0.4", "10.0.0.5")));
		assertThat(step(plan, StepKind.APPLY_TO_CLUSTER).description()).contains("CoreDNS forward block");
		assertThat(command(plan, StepKind.CLUSTER_PREFLIGHT)).contains("windows-gmsa/gmsa",
				".\\Patch-Coredns.ps1 -ActiveDirectoryDNS contoso.com -DNSServerIPs 10.0.0.4,10.0.0.5");
		assertThat(PlatformProfile.of(Platform.EKS).defaultPlugin()).isEqualTo(KnownPlugin.AWS);
		assertThat(PlatformProfile.of(Platform.EKS).webhookSource()).contains("beta.eks.amazonaws.com/app-serving");
	}

	@Test
	void rancherInstallsItsChartsAndReadsAKubernetesSecret() {
		Plan plan = this.planner.plan(onCluster(Platform.RANCHER,
				new Hosts.Portable("web-ccg", KnownPlugin.KUBERNETES_SECRET.clsid(), "apps:web-ccg"), List.of()));

		assertThat(command(plan, StepKind.CLUSTER_PREFLIGHT)).contains(
				"helm install --create-namespace -n cattle-windows-gmsa-system rancher-gmsa-webhook",
				"rancher-gmsa-plugin-installer", "rancher-gmsa-account-provider");
		assertThat(PlatformProfile.of(Platform.RANCHER).defaultPlugin()).isEqualTo(KnownPlugin.KUBERNETES_SECRET);
		assertThat(deployment(plan).identitySecret().data()).containsKeys("username", "password", "domainName");
	}

	@Test
	void genericKeepsTheWindowsGmsaWebhookAndLeavesOldHashesAlone() {
		ProvisioningRequest asked = joined(Platform.GENERIC, List.of("10.0.0.4"));
		Plan plan = this.planner.plan(asked);

		assertThat(((Target.Cluster) plan.request().target()).platform()).as("generic is not written").isNull();
		assertThat(Canonical.json(plan.request())).doesNotContain("platform");
		assertThat(command(plan, StepKind.CLUSTER_PREFLIGHT)).startsWith("helm repo add windows-gmsa")
			.contains("kubectl -n kube-system edit configmap coredns");
		assertThat(deployment(plan).dnsForward()).isNotNull();
	}

	@Test
	void thePlatformIsBoundByThePlanHash() {
		ProvisioningRequest asked = joined(Platform.GENERIC, List.of());
		Target.Cluster cluster = (Target.Cluster) asked.target();
		Plan generic = this.planner.plan(asked);
		Plan eks = this.planner.plan(asked.withTarget(cluster.withPlatform(Platform.EKS)));
		assertThat(eks.hash()).isNotEqualTo(generic.hash());
		assertThat(Canonical.json(eks.request())).contains("\"platform\":\"EKS\"");
	}

	@Test
	void anExportBundleForAPlatformNamesItsSetupAndTheReviewSaysSo() {
		ProvisioningRequest asked = Requests.domainJoined(Requests.freshName());
		Target.ExportOnly export = (Target.ExportOnly) asked.target();
		ProvisioningRequest forAks = asked.withTarget(new Target.ExportOnly(export.namespace(),
				export.serviceAccount(), export.credSpecName(), Platform.AKS));
		Plan plan = this.planner.plan(forAks);

		assertThat(step(plan, StepKind.EXPORT_BUNDLE).description()).contains("with the steps of platform AKS");
		assertThat(command(plan, StepKind.EXPORT_BUNDLE)).contains("first, on AKS: az aks update");
		assertThat(PlatformProfile.of(Platform.AKS_HCI).bundleNotes("<cluster>", "contoso.com", List.of()))
			.startsWith("# Platform AKS_HCI: the gMSA webhook comes from Install-AksHciGMSAWebhook")
			.contains("# Portable identity: a Kubernetes Secret with keys domain, username and password")
			.contains("#   Install-AksHciGMSAWebhook -Name <cluster name of <cluster>>");
		for (Platform platform : Platform.values()) {
			assertThat(PlatformProfile.of(platform).bundleNotes("c", "contoso.com", List.of()).lines())
				.allMatch((line) -> line.startsWith("#"));
		}
	}

}
