package org.gmsaportal.provisioning;

import java.util.ArrayList;
import java.util.List;

import org.gmsaportal.cluster.Platform;
import org.gmsaportal.credspec.KnownPlugin;
import org.jspecify.annotations.Nullable;

/**
 * What a cluster's platform changes in a request: the plug-in portable hosts use by default, what installs the gMSA
 * webhook (what the preflight expects), how pods resolve the domain, which fields its workloads need, and the
 * commands shown at review. Each comes from the seed document of that platform (AKS: 004; AKS on Azure Local: 001;
 * EKS: 003; Rancher and generic: kubernetes-sigs/windows-gmsa and rancher/Rancher-Plugin-gMSA, gmsa-anchors.md).
 * Pure: no I/O.
 *
 * @param platform the platform
 * @param defaultPlugin the ccg.exe plug-in portable hosts use unless the request names another; {@code null} when
 * the platform has none the portal can name (generic; AKS on Azure Local, whose plug-in's CLSID is not published)
 * @param pluginNote where that plug-in reads the portable identity, in words for the review
 * @param webhookSource what installs the gMSA webhook and CRD on this platform, in words
 * @param dns how pods resolve the AD domain
 * @param workloadDnsConfig whether workloads set {@code dnsConfig} (nameservers = DCs, searches = domain)
 * @param workloadSecretVolume whether workloads mount the portable identity Secret as a volume
 */
public record PlatformProfile(Platform platform, @Nullable KnownPlugin defaultPlugin, String pluginNote,
		String webhookSource, DnsApproach dns, boolean workloadDnsConfig, boolean workloadSecretVolume) {

	/** How pods reach the domain's DNS servers. */
	public enum DnsApproach {

		/** The portal merges a forward block for the domain into {@code kube-system/coredns}. */
		COREDNS_MERGE,
		/** AKS writes the forward block itself from {@code az aks update --gmsa-dns-server --gmsa-root-domain-name}. */
		AKS_FLAGS

	}

	private static final String SIGS_CHART = "helm repo add windows-gmsa "
			+ "https://raw.githubusercontent.com/kubernetes-sigs/windows-gmsa/master/charts/repo && helm install gmsa "
			+ "windows-gmsa/gmsa --namespace kube-system  # needs cert-manager; or admission-webhook/deploy/"
			+ "deploy-gmsa-webhook.sh --file gmsa-webhook.yml";

	private static final String RANCHER_NS = "cattle-windows-gmsa-system";

	/** The profile of a platform; {@code null} is {@link Platform#GENERIC}. */
	public static PlatformProfile of(@Nullable Platform platform) {
		return switch ((platform != null) ? platform : Platform.GENERIC) {
			case AKS -> new PlatformProfile(Platform.AKS, KnownPlugin.AZURE_KEY_VAULT,
					"the Azure Key Vault plug-in reads <domain>\\<user>:<password> from a Key Vault secret with the "
							+ "Windows node pools' managed identity",
					"AKS itself: az aks update --enable-windows-gmsa installs the gMSA webhook and CRD",
					DnsApproach.AKS_FLAGS, false, false);
			case AKS_HCI -> new PlatformProfile(Platform.AKS_HCI, null,
					"a Kubernetes Secret with keys domain, username and password in the workload's namespace, named by "
							+ "Add-AksHciGMSACredentialSpec -secretName (that plug-in's CLSID is not published)",
					"Install-AksHciGMSAWebhook (the AKS Arc add-on, pod gmsa-webhook-* in kube-system)",
					DnsApproach.COREDNS_MERGE, true, true);
			case EKS -> new PlatformProfile(Platform.EKS, KnownPlugin.AWS,
					"the AWS plug-in (built into the EKS-optimized Windows AMI) reads {username, password, domainName} "
							+ "from the Secrets Manager or SSM ARN with the node's instance role",
					"the kubernetes-sigs/windows-gmsa webhook; on EKS its CSR signer must be "
							+ "beta.eks.amazonaws.com/app-serving, or cert-manager signs the certificate",
					DnsApproach.COREDNS_MERGE, false, false);
			case RANCHER -> new PlatformProfile(Platform.RANCHER, KnownPlugin.KUBERNETES_SECRET,
					"the Rancher CCG plug-in reads username, password and domainName from a Kubernetes Secret through "
							+ "the rancher-gmsa-account-provider",
					"the rancher-gmsa-webhook chart, with rancher-gmsa-plugin-installer and "
							+ "rancher-gmsa-account-provider on the Windows nodes",
					DnsApproach.COREDNS_MERGE, false, false);
			case GENERIC -> new PlatformProfile(Platform.GENERIC, null,
					"the plug-in the request names; the platform suggests none",
					"the kubernetes-sigs/windows-gmsa webhook (Helm chart or deploy script)",
					DnsApproach.COREDNS_MERGE, false, false);
		};
	}

	/** Whether the portal itself merges a CoreDNS forward block when the request names DNS servers. */
	public boolean mergesCoreDns() {
		return this.dns == DnsApproach.COREDNS_MERGE;
	}

	/** The preflight's fix when no gMSA webhook is found: this platform's own install. */
	public String webhookInstall(String cluster) {
		return "Install the gMSA webhook the way " + this.platform + " does: " + String.join(" && ",
				webhookCommands(cluster)) + "; the portal does not install it.";
	}

	/**
	 * What an admin runs to prepare the cluster before the preflight passes: the webhook and CRD install, and the
	 * DNS forward where the platform does it itself. Placeholders in angle brackets are the admin's own names.
	 *
	 * @param cluster the cluster connection's name (the platform's own cluster name may differ)
	 * @param domain the AD DNS domain
	 * @param dnsServers the domain's DNS servers the request names; empty for none
	 */
	public List<String> setupCommands(String cluster, String domain, List<String> dnsServers) {
		List<String> commands = new ArrayList<>(webhookCommands(cluster));
		if (this.platform == Platform.AKS && !dnsServers.isEmpty()) {
			commands.set(0, commands.get(0) + " --gmsa-dns-server " + dnsServers.get(0) + " --gmsa-root-domain-name "
					+ domain + "  # AKS adds the CoreDNS forward block for " + domain + " itself");
		}
		else if (this.platform == Platform.EKS && !dnsServers.isEmpty()) {
			commands.add(".\\Patch-Coredns.ps1 -ActiveDirectoryDNS " + domain + " -DNSServerIPs "
					+ String.join(",", dnsServers) + "  # aws-samples/amazon-eks-gmsa; the run merges the same block");
		}
		else if (!dnsServers.isEmpty()) {
			commands.add("kubectl -n kube-system edit configmap coredns  # add " + domain + ":53 { forward . "
					+ String.join(" ", dnsServers) + " }; the run merges the same block");
		}
		if (this.workloadDnsConfig) {
			commands.add("# each workload: dnsConfig nameservers = the DCs' addresses, searches = " + domain
					+ ", and the identity Secret as a volume (AKS Arc document)");
		}
		return commands;
	}

	/**
	 * The platform's own command for what the apply step does (the credential spec, its ClusterRole and
	 * RoleBinding), or {@code null} when there is none besides {@code kubectl apply}.
	 */
	public @Nullable String applyCommand(String credSpecFile, String credSpecName, String clusterRole,
			String namespace, String serviceAccount, @Nullable String secretName) {
		if (this.platform != Platform.AKS_HCI) {
			return null;
		}
		return "Add-AksHciGMSACredentialSpec -Name <cluster name> -credSpecFilePath " + credSpecFile + " -credSpecName "
				+ credSpecName + " -clusterRoleName " + clusterRole + " -secretName "
				+ ((secretName != null) ? secretName : "<secret name>") + " -secretNamespace " + namespace
				+ " -serviceAccount " + serviceAccount;
	}

	/** Comment lines for the top of an export bundle: the platform's webhook, DNS and workload steps. */
	public String bundleNotes(String cluster, String domain, List<String> dnsServers) {
		StringBuilder notes = new StringBuilder("# Platform " + this.platform + ": the gMSA webhook comes from "
				+ this.webhookSource + ".\n");
		if (this.defaultPlugin != null || this.platform == Platform.AKS_HCI) {
			notes.append("# Portable identity: ").append(this.pluginNote).append(".\n");
		}
		for (String command : setupCommands(cluster, domain, dnsServers)) {
			notes.append("#   ").append(command).append('\n');
		}
		return notes.toString();
	}

	private List<String> webhookCommands(String cluster) {
		return switch (this.platform) {
			case AKS -> new ArrayList<>(List.of("az aks update --resource-group <resource group> --name <AKS cluster of "
					+ cluster + "> --enable-windows-gmsa"));
			case AKS_HCI -> new ArrayList<>(List.of("Install-AksHciGMSAWebhook -Name <cluster name of " + cluster + ">"));
			case RANCHER -> new ArrayList<>(List.of("helm repo add rancher-charts https://charts.rancher.io",
					"helm install --create-namespace -n " + RANCHER_NS + " rancher-gmsa-webhook "
							+ "rancher-charts/rancher-gmsa-webhook",
					"helm install -n " + RANCHER_NS + " rancher-gmsa-plugin-installer "
							+ "rancher-charts/rancher-gmsa-plugin-installer",
					"helm install -n " + RANCHER_NS + " rancher-gmsa-account-provider "
							+ "rancher-charts/rancher-gmsa-account-provider"));
			case EKS, GENERIC -> new ArrayList<>(List.of(SIGS_CHART));
		};
	}

}
