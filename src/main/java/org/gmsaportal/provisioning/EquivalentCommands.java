package org.gmsaportal.provisioning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.gmsaportal.cluster.ClusterLabels;
import org.gmsaportal.credspec.HostAccountPreset;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.directory.RunRef;
import org.jspecify.annotations.Nullable;

/**
 * The PowerShell or kubectl command an admin would have typed for a planned step, so a review (the wizard's, or an
 * ADMIN's of an API-filed request) hides nothing. Pure: built from the request and the step only; values are quoted
 * for PowerShell although the request rules already keep quotes out of them.
 */
public final class EquivalentCommands {

	private EquivalentCommands() {
	}

	public static String of(PlannedStep step, ProvisioningRequest request, String domain) {
		if (step.intent() == StepIntent.SKIP) {
			return (step.kind() == StepKind.PROVE_RETRIEVAL) ? "# on each node (needs RSAT-AD-PowerShell): "
					+ "Test-ADServiceAccount -Identity " + ps(request.gmsaName()) + "  # False until the node's Kerberos"
					+ " tickets are refreshed after the group change: reboot, or klist -li 0x3e7 purge" : "# skipped";
		}
		String gmsa = ps(request.gmsaName());
		String group = ps(request.groupName());
		return switch (step.kind()) {
			case ENSURE_KDS_ROOT_KEY -> kds(request.kdsRootKey());
			case ENSURE_GROUP -> "New-ADGroup -Name " + group + " -SamAccountName " + group
					+ " -GroupScope " + request.newGroupScope().powerShell() + " -GroupCategory Security"
					+ placed(request.where().groupOu(), request);
			case ENSURE_GMSA -> "New-ADServiceAccount -Name " + gmsa + " -DNSHostName " + ps(request.dnsHostName())
					+ " -ServicePrincipalNames " + list(spns(request))
					+ " -KerberosEncryptionType " + request.encryptionTypes().stream().map(EquivalentCommands::etype)
						.collect(Collectors.joining(","))
					+ " -PrincipalsAllowedToRetrieveManagedPassword " + group
					+ placed(request.where().gmsaOu(), request);
			// As PortableUsers writes it: NORMAL_ACCOUNT | DONT_EXPIRE_PASSWORD (enabled), the UPN in the DNS domain.
			case ENSURE_PORTABLE_USER -> "New-ADUser -Name " + ps(step.target()) + " -SamAccountName " + ps(step.target())
					+ " -UserPrincipalName " + ps(step.target() + "@" + domain)
					+ " -AccountPassword (Read-Host -AsSecureString 'Password') -PasswordNeverExpires $true -Enabled $true"
					+ placed(request.where().userOu(), request);
			case ENSURE_MEMBERSHIP -> "Add-ADGroupMember -Identity " + group + " -Members " + list(RequestTranslation.members(request));
			// Fails, as the run's proof does, when the user may not read the password: the cmdlet alone does not.
			case PROVE_RETRIEVAL -> "$a = Get-ADServiceAccount " + gmsa + " -Server " + ps(domain)
					+ " -Properties 'msDS-ManagedPassword' -Credential (Get-Credential "
					+ ps(RequestTranslation.members(request).get(0) + "@" + domain) + "); if (-not $a.'msDS-ManagedPassword') { throw "
					+ ps(RequestTranslation.members(request).get(0) + " may not retrieve the password of " + request.gmsaName()) + " }";
			case GENERATE_CREDSPEC -> credentialSpec(request, domain);
			// What upstream's deploy script does, minus its CRD delete-and-recreate (which wipes every credspec).
			case INSTALL_GMSA_WEBHOOK -> "kubectl --context " + sh(step.target()) + " get crd gmsacredentialspecs.windows.k8s.io"
					+ " || kubectl apply -f gmsa-crd.yml; ./deploy-gmsa-webhook.sh --file gmsa-webhook.yml"
					+ "  # kubernetes-sigs/windows-gmsa admission-webhook/deploy; on AKS: az aks update --enable-windows-gmsa";
			case CLUSTER_PREFLIGHT -> preflight(step, (Target.Cluster) request.target(), domain);
			case APPLY_TO_CLUSTER -> apply(request, domain);
			case EXPORT_BUNDLE -> "# no cluster now; later, through GitOps: kubectl apply --server-side -f "
					+ sh(ArtifactNames.bundle(request.target().credSpecName()))
					+ ((request.target() instanceof Target.ExportOnly export && export.platform() != null)
							? "; first, on " + export.platform() + ": " + String.join(" && ",
									export.profile().setupCommands("<cluster>", domain, export.dnsForwardServers()))
							: "")
					+ ((request.target() instanceof Target.ExportOnly export && !export.workloads().isEmpty())
							? "; then for each of " + export.workloads().size() + " workloads: kubectl apply"
									+ " --server-side --field-manager=" + ClusterLabels.WORKLOAD_FIELD_MANAGER
									+ " -f - with its patch from the end of the bundle" : "");
			case PLACE_ON_DOCKER_HOSTS -> String.join("; ", DockerHostCommands.of(request, fileName(request),
					domain));
			case VERIFY_WORKLOAD -> "kubectl -n " + sh(request.target().namespace()) + " exec deploy/" + step.target()
					+ " -- nltest /sc_verify:" + domain;
			case PATCH_WORKLOAD -> "kubectl --context " + sh(((Target.Cluster) request.target()).connection())
					+ " apply --server-side --field-manager=" + ClusterLabels.WORKLOAD_FIELD_MANAGER + " -f "
					+ sh(request.target().credSpecName() + "-workloads.yaml") + "   # " + step.target()
					+ ", never --force-conflicts";
			case UNPATCH_WORKLOAD -> "kubectl apply --server-side --field-manager="
					+ ClusterLabels.WORKLOAD_FIELD_MANAGER
					+ " -f " + sh(request.target().credSpecName() + "-workloads-release.yaml") + "   # " + step.target()
					+ ": only the portal's fields go";
			case REMOVE_FROM_CLUSTER -> "kubectl delete -l gmsaportal.org/run-id=<run> gmsacredentialspec,clusterrole,rolebinding,secret,deployment";
			case REMOVE_GMSA_WEBHOOK -> "kubectl --context " + sh(step.target()) + " get gmsacredentialspecs -o name"
					+ " | grep -q . || kubectl delete mutatingwebhookconfiguration,validatingwebhookconfiguration,deployment,"
					+ "service,secret,serviceaccount,clusterrole,clusterrolebinding -A -l gmsaportal.org/component=gmsa-webhook";
			case REMOVE_MEMBERSHIP -> "Remove-ADGroupMember -Identity " + ps(step.target()) + " -Members <members the run added>";
			case REMOVE_PORTABLE_USER -> "Remove-ADUser -Identity " + ps(step.target());
			case REMOVE_GMSA -> "Remove-ADServiceAccount -Identity " + gmsa;
			case REMOVE_GROUP -> "Remove-ADGroup -Identity " + ps(step.target());
			case SET_PORTABLE_PASSWORD -> "Set-ADAccountPassword -Identity " + ps(step.target())
					+ " -Reset -NewPassword (Read-Host -AsSecureString 'Password')";
			// The store's own CLI with the password elided: the run writes it from memory, a person pastes it.
			case WRITE_PORTABLE_SECRET -> StoreCommands.write(request, domain)
				.orElse("# the plug-in's own tool: the portal does not know where this plug-in reads its secret");
			case REMOVE_PORTABLE_SECRET -> StoreCommands.remove(request)
				.orElse("# the plug-in's own tool: the portal does not know where this plug-in reads its secret");
		};
	}

	/** The platform's setup (webhook, DNS) before the checks the preflight makes. */
	private static String preflight(PlannedStep step, Target.Cluster cluster, String domain) {
		return String.join(" && ", cluster.profile().setupCommands(cluster.connection(), domain,
				cluster.dnsForwardServers())) + "; kubectl --context " + sh(step.target())
				+ " get crd gmsacredentialspecs.windows.k8s.io && kubectl get nodes -l kubernetes.io/os=windows";
	}

	/** kubectl, or the platform's own cmdlet where it has one (AKS on Azure Local). */
	private static String apply(ProvisioningRequest request, String domain) {
		Target.Cluster cluster = (Target.Cluster) request.target();
		String kubectl = "kubectl --context " + sh(cluster.connection()) + " apply --server-side -f "
				+ sh(ArtifactNames.bundle(cluster.credSpecName()));
		String secret = (request.hosts() instanceof Hosts.Portable portable
				&& portable.preset() instanceof org.gmsaportal.credspec.KubernetesSecretPlugin k8s) ? k8s.secretName() : null;
		String own = cluster.profile().applyCommand(fileName(request), cluster.credSpecName(),
				cluster.credSpecName() + "-gmsa-use", cluster.namespace(), cluster.serviceAccount(), secret);
		return (own != null) ? own + "  # or: " + kubectl : kubectl;
	}

	// The name New-CredentialSpec gives the file; the run names it from the domain's NetBIOS name it reads.
	private static String fileName(ProvisioningRequest request) {
		return "<netbios>_" + request.gmsaName().toLowerCase(Locale.ROOT) + ".json";
	}

	/**
	 * New-CredentialSpec with its default file name, the one the portal uses. It has no parameter for
	 * HostAccountConfig (Microsoft's docs add it by hand), so for portable hosts the commands after it add the same
	 * section the portal writes. Runs take known plug-ins only, whose input names where a secret is, never one.
	 */
	private static String credentialSpec(ProvisioningRequest request, String domain) {
		String create = "New-CredentialSpec -AccountName " + ps(request.gmsaName()) + " -Domain " + ps(domain)
				+ (request.additionalAccounts().isEmpty() ? "" : " -AdditionalAccounts " + list(request.additionalAccounts()));
		String file = "  # writes <netbios>_" + request.gmsaName().toLowerCase(Locale.ROOT) + ".json (lower case), the"
				+ " portal's name for it";
		if (!(request.hosts() instanceof Hosts.Portable portable)) {
			return create + file;
		}
		HostAccountPreset preset = portable.preset();
		return "$f = (" + create + ").Path; $s = Get-Content $f -Raw | ConvertFrom-Json; "
				+ "$s.ActiveDirectoryConfig | Add-Member HostAccountConfig ([ordered]@{ PortableCcgVersion = '1'; "
				+ "PluginGUID = " + ps(preset.pluginGuid()) + "; PluginInput = " + ps(preset.pluginInput()) + " }); "
				+ "$s | ConvertTo-Json -Depth 5 | Set-Content $f -Encoding ascii" + file
				+ "; New-CredentialSpec cannot write HostAccountConfig itself, so the commands after it add it";
	}

	/**
	 * Where the object goes ({@code -Path}; none: the cmdlet's default container, as the portal's) and the
	 * {@code -Description} the portal writes, with the run's id as a placeholder until the plan is approved.
	 */
	private static String placed(@Nullable String ou, ProvisioningRequest request) {
		return ((ou != null) ? " -Path " + ps(ou) : "") + " -Description "
				+ ps(new RunRef("<run id>", request.ticketRef()).provenance());
	}

	private static String kds(KdsRootKeyChoice choice) {
		return switch (choice) {
			case USE_EXISTING -> "Get-KdsRootKey";
			case CREATE -> "Add-KdsRootKey -EffectiveImmediately  # usable after 10 hours of replication";
			case CREATE_LAB -> "Add-KdsRootKey -EffectiveTime ((Get-Date).AddHours(-10))  # single-DC lab only";
		};
	}

	/** As the directory module registers them: host/<name>, host/<fqdn>, then those typed; each once, without case. */
	private static List<String> spns(ProvisioningRequest request) {
		Map<String, String> spns = new LinkedHashMap<>();
		Stream.concat(Stream.of("host/" + request.gmsaName(), "host/" + request.dnsHostName().toLowerCase(Locale.ROOT)),
				request.spns().stream()).forEach(spn -> spns.putIfAbsent(spn.toLowerCase(Locale.ROOT), spn));
		return List.copyOf(spns.values());
	}

	private static String etype(EncryptionType type) {
		return switch (type) {
			case RC4_HMAC -> "RC4";
			case AES128_CTS_HMAC_SHA1_96 -> "AES128";
			case AES256_CTS_HMAC_SHA1_96 -> "AES256";
		};
	}

	private static String list(List<String> values) {
		return values.stream().map(EquivalentCommands::ps).collect(Collectors.joining(","));
	}

	/** A PowerShell single-quoted string: nothing inside is expanded. */
	static String ps(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

	/** A POSIX shell word: quoted only when it needs to be. */
	static String sh(String value) {
		return value.matches("[A-Za-z0-9._/:@=-]+") ? value : "'" + value.replace("'", "'\\''") + "'";
	}

}
