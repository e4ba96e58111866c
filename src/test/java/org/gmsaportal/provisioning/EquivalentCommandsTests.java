package org.gmsaportal.provisioning;

import java.util.List;
import java.util.Set;

import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands shown beside the plan, built from the request alone.
 */
class EquivalentCommandsTests {

	private static final ProvisioningRequest JOINED = new ProvisioningRequest("lab", "web01", "web01.contoso.com",
			List.of("HTTP/web01.contoso.com"), Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96, EncryptionType.AES128_CTS_HMAC_SHA1_96),
			KdsRootKeyChoice.CREATE_LAB, "web01-hosts", new Hosts.DomainJoined(List.of("NODE1$", "NODE2$")),
			new Target.ExportOnly("apps", "webapp", "web01-spec"), null);

	private static final ProvisioningRequest PORTABLE = new ProvisioningRequest("lab", "web01", "web01.contoso.com",
			List.of(), Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, "web01-hosts",
			new Hosts.Portable("web01-ccg", KnownPlugin.KUBERNETES_SECRET.clsid(), "apps:web01-ccg"),
			new Target.Cluster("prod", "apps", "webapp", "web01-spec", List.of("10.0.0.10"), "mcr.microsoft.com/iis:ltsc2022"), null);

	private static final String NO_TICKET = " -Description 'Created by gMSA Portal run <run id> (no ticket)'";

	private static String command(ProvisioningRequest request, StepKind kind, String target, StepIntent intent) {
		return EquivalentCommands.of(new PlannedStep(0, kind, target, intent, "d"), request, "contoso.com");
	}

	@Test
	void directoryStepsAreTheActiveDirectoryModuleCmdlets() {
		assertThat(command(JOINED, StepKind.ENSURE_KDS_ROOT_KEY, "KDS root key", StepIntent.CREATE))
			.startsWith("Add-KdsRootKey -EffectiveTime ((Get-Date).AddHours(-10))");
		assertThat(command(PORTABLE, StepKind.ENSURE_KDS_ROOT_KEY, "KDS root key", StepIntent.ALREADY_AS_REQUESTED))
			.isEqualTo("Get-KdsRootKey");
		assertThat(command(JOINED, StepKind.ENSURE_GROUP, "web01-hosts", StepIntent.CREATE))
			.isEqualTo("New-ADGroup -Name 'web01-hosts' -SamAccountName 'web01-hosts' -GroupScope DomainLocal -GroupCategory Security"
					+ NO_TICKET);
		// The engine registers host/<name> and host/<fqdn> itself; a typed duplicate of one (in any case) is listed once.
		assertThat(command(JOINED, StepKind.ENSURE_GMSA, "web01$", StepIntent.CREATE)).isEqualTo(
				"New-ADServiceAccount -Name 'web01' -DNSHostName 'web01.contoso.com' -ServicePrincipalNames "
						+ "'host/web01','host/web01.contoso.com','HTTP/web01.contoso.com'"
						+ " -KerberosEncryptionType AES128,AES256 -PrincipalsAllowedToRetrieveManagedPassword 'web01-hosts'"
						+ NO_TICKET);
		assertThat(command(withSpns(JOINED, List.of("HOST/WEB01.contoso.com", "http/web01")), StepKind.ENSURE_GMSA,
				"web01$", StepIntent.CREATE))
			.contains(" -ServicePrincipalNames 'host/web01','host/web01.contoso.com','http/web01' -Kerberos");
		assertThat(command(PORTABLE, StepKind.ENSURE_GMSA, "web01$", StepIntent.CREATE))
			.contains(" -ServicePrincipalNames 'host/web01','host/web01.contoso.com' -Kerberos");
		assertThat(command(JOINED, StepKind.ENSURE_MEMBERSHIP, "web01-hosts", StepIntent.CREATE))
			.isEqualTo("Add-ADGroupMember -Identity 'web01-hosts' -Members 'NODE1$','NODE2$'");
	}

	@Test
	void thePortableUserIsCreatedAsThePortalCreatesItAndItsProofCanFail() {
		// PortableUsers: userPrincipalName <name>@<dns domain>, NORMAL_ACCOUNT | DONT_EXPIRE_PASSWORD (so enabled).
		assertThat(command(PORTABLE, StepKind.ENSURE_PORTABLE_USER, "web01-ccg", StepIntent.CREATE)).isEqualTo(
				"New-ADUser -Name 'web01-ccg' -SamAccountName 'web01-ccg' -UserPrincipalName 'web01-ccg@contoso.com'"
						+ " -AccountPassword (Read-Host -AsSecureString 'Password') -PasswordNeverExpires $true -Enabled $true"
						+ NO_TICKET);
		// Get-ADServiceAccount succeeds without the password when the user may not read it: the check throws.
		assertThat(command(PORTABLE, StepKind.PROVE_RETRIEVAL, "web01$", StepIntent.CHECK)).isEqualTo(
				"$a = Get-ADServiceAccount 'web01' -Server 'contoso.com' -Properties 'msDS-ManagedPassword'"
						+ " -Credential (Get-Credential 'web01-ccg@contoso.com');"
						+ " if (-not $a.'msDS-ManagedPassword') { throw 'web01-ccg may not retrieve the password of web01' }");
	}

	@Test
	void createdObjectsGoToTheirOusAndCarryTheDescriptionThePortalWrites() {
		ProvisioningRequest placed = new ProvisioningRequest("lab", "web01", "web01.contoso.com", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, "web01-hosts",
				PORTABLE.hosts(), new Target.ExportOnly("apps", "webapp", "web01-spec"), "RITM0042", null,
				new Placement("OU=Groups,OU=Apps,DC=contoso,DC=com", "OU=gMSAs,DC=contoso,DC=com",
						"OU=O'Brien Users,DC=contoso,DC=com"));
		String description = " -Description 'Created by gMSA Portal run <run id> for ticket RITM0042'";
		assertThat(command(placed, StepKind.ENSURE_GROUP, "web01-hosts", StepIntent.CREATE))
			.endsWith(" -Path 'OU=Groups,OU=Apps,DC=contoso,DC=com'" + description);
		assertThat(command(placed, StepKind.ENSURE_GMSA, "web01$", StepIntent.CREATE))
			.endsWith(" -Path 'OU=gMSAs,DC=contoso,DC=com'" + description);
		assertThat(command(placed, StepKind.ENSURE_PORTABLE_USER, "web01-ccg", StepIntent.CREATE))
			.endsWith(" -Path 'OU=O''Brien Users,DC=contoso,DC=com'" + description);
	}

	@Test
	void theDomainJoinedCheckNamesItsModuleAndTheTicketRefresh() {
		assertThat(command(JOINED, StepKind.PROVE_RETRIEVAL, "web01$", StepIntent.SKIP))
			.startsWith("# on each node (needs RSAT-AD-PowerShell): Test-ADServiceAccount -Identity 'web01'")
			.contains("False until the node's Kerberos tickets are refreshed after the group change")
			.contains("reboot, or klist -li 0x3e7 purge");
	}

	private static ProvisioningRequest withSpns(ProvisioningRequest request, List<String> spns) {
		return new ProvisioningRequest(request.directoryConnection(), request.gmsaName(), request.dnsHostName(), spns,
				request.encryptionTypes(), request.kdsRootKey(), request.groupName(), request.hosts(), request.target(),
				request.ticketRef());
	}

	@Test
	void clusterStepsAreKubectl() {
		assertThat(command(PORTABLE, StepKind.APPLY_TO_CLUSTER, "web01-spec", StepIntent.APPLY))
			.isEqualTo("kubectl --context prod apply --server-side -f web01-spec-bundle.yaml");
		assertThat(command(JOINED, StepKind.EXPORT_BUNDLE, "web01-spec", StepIntent.APPLY)).contains("GitOps");
		assertThat(command(PORTABLE, StepKind.VERIFY_WORKLOAD, "gmsa-verify-web01", StepIntent.CHECK))
			.isEqualTo("kubectl -n apps exec deploy/gmsa-verify-web01 -- nltest /sc_verify:contoso.com");
	}

	@Test
	void theWebhookInstallIsUpstreamsDeployWithoutItsCrdRecreateAndItsRemovalWaitsForTheLastCredSpec() {
		assertThat(command(PORTABLE, StepKind.INSTALL_GMSA_WEBHOOK, "prod", StepIntent.CREATE))
			.startsWith("kubectl --context prod get crd gmsacredentialspecs.windows.k8s.io || kubectl apply -f gmsa-crd.yml;")
			.contains("./deploy-gmsa-webhook.sh").contains("az aks update --enable-windows-gmsa");
		assertThat(command(PORTABLE, StepKind.REMOVE_GMSA_WEBHOOK, "prod", StepIntent.APPLY))
			.startsWith("kubectl --context prod get gmsacredentialspecs -o name | grep -q . ||")
			.contains("-l gmsaportal.org/component=gmsa-webhook").doesNotContain("customresourcedefinition");
	}

	@Test
	void newCredentialSpecIsShownWithWhatAddsTheSameHostAccountConfigItCannotWriteItself() {
		String portable = command(PORTABLE, StepKind.GENERATE_CREDSPEC, "web01", StepIntent.APPLY);
		assertThat(portable).startsWith("$f = (New-CredentialSpec -AccountName 'web01' -Domain 'contoso.com').Path;")
			.contains("Add-Member HostAccountConfig ([ordered]@{ PortableCcgVersion = '1'; PluginGUID = '"
					+ KnownPlugin.KUBERNETES_SECRET.clsid() + "'; PluginInput = 'apps:web01-ccg' })")
			.contains("ConvertTo-Json -Depth 5 | Set-Content $f")
			.contains("New-CredentialSpec cannot write HostAccountConfig itself")
			.contains("writes <netbios>_web01.json");
		assertThat(command(JOINED, StepKind.GENERATE_CREDSPEC, "web01", StepIntent.APPLY))
			.startsWith("New-CredentialSpec -AccountName 'web01' -Domain 'contoso.com'  # writes <netbios>_web01.json")
			.doesNotContain("HostAccountConfig");
	}

	@Test
	void theBundleHasOneNameInTheReviewThePlanOnlyPageAndTheExport() {
		// Plan-only names its export step "YAML bundle": the file is still named after the GMSACredentialSpec.
		assertThat(command(JOINED, StepKind.EXPORT_BUNDLE, "YAML bundle", StepIntent.APPLY))
			.endsWith("kubectl apply --server-side -f web01-spec-bundle.yaml");
		assertThat(ArtifactNames.bundle("web01-spec")).isEqualTo("web01-spec-bundle.yaml");
		assertThat(ArtifactNames.report("WebApp01")).isEqualTo("webapp01-run-report.json");
	}

	@Test
	void quotesCannotBeBrokenOutOf() {
		assertThat(EquivalentCommands.ps("a'; Remove-ADGroup x")).isEqualTo("'a''; Remove-ADGroup x'");
		assertThat(EquivalentCommands.sh("a b")).isEqualTo("'a b'");
	}

}
