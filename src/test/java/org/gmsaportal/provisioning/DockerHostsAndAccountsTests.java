package org.gmsaportal.provisioning;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.directory.Directory.GmsaSpec;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.support.FakeDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Windows Server hosts running Docker (no Kubernetes) and further gMSAs in one credential spec, as planned and
 * reviewed; the further accounts' retrieval check against the real DC is in
 * {@code PlatformProfileRunIntegrationTests}.
 */
class DockerHostsAndAccountsTests {

	private final FakeDirectory directory = new FakeDirectory();

	private final Planner planner = new Planner(this.directory,
			new ExistingObjects(this.directory, (domain, name) -> Optional.empty()), new FakeCluster(),
			new org.gmsaportal.secretstores.SecretStores(java.util.List.of()));

	@BeforeEach
	void reset() {
		this.directory.reset();
	}

	private static ProvisioningRequest docker(String name, Hosts hosts) {
		return new ProvisioningRequest("lab", name, name + ".contoso.com", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, name + "-hosts", hosts,
				new Target.DockerHosts(null), null);
	}

	@Test
	void dockerHostsGetTheCredentialSpecFileAndTheCommandsNotAnyKubernetesStep() {
		ProvisioningRequest request = docker("web01", new Hosts.DomainJoined(List.of("HOST1$")))
			.withAdditionalAccounts(List.of("LogAgent"));
		this.directory.addComputer("HOST1$", "host1.contoso.com", false);
		this.directory.gmsas.put("logagent", new GmsaSpec("LogAgent", "logagent.contoso.com", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), "web01-hosts"));
		Plan plan = this.planner.plan(request);

		assertThat(plan.steps()).extracting(PlannedStep::kind).endsWith(StepKind.GENERATE_CREDSPEC,
				StepKind.PLACE_ON_DOCKER_HOSTS).doesNotContain(StepKind.CLUSTER_PREFLIGHT, StepKind.EXPORT_BUNDLE);
		assertThat(plan.runnable()).as("%s", plan.steps()).isTrue();
		List<String> commands = DockerHostCommands.of(plan.request(), "contoso_web01.json", "contoso.com");
		assertThat(commands).containsExactly(
				"New-Item -ItemType Directory -Force 'C:\\ProgramData\\Docker\\CredentialSpecs'",
				"Copy-Item 'contoso_web01.json' 'C:\\ProgramData\\Docker\\CredentialSpecs\\contoso_web01.json'"
						+ "  # the file this run offers, under the name New-CredentialSpec gives it",
				"klist -li 0x3e7 purge  # or Restart-Computer: the host's ticket must carry its new membership of "
						+ "web01-hosts",
				"Test-ADServiceAccount -Identity 'web01'  # True: this host may retrieve the password (needs "
						+ "RSAT-AD-PowerShell)",
				"Test-ADServiceAccount -Identity 'LogAgent'  # True: this host may retrieve the password (needs "
						+ "RSAT-AD-PowerShell)",
				"docker run --security-opt \"credentialspec=file://contoso_web01.json\" --hostname web01 -it "
						+ Target.DockerHosts.DEFAULT_IMAGE + " cmd /c nltest /sc_verify:contoso.com");
		String review = EquivalentCommands.of(plan.steps().get(plan.steps().size() - 1), plan.request(), plan.domain());
		assertThat(review).contains("credentialspec=file://<netbios>_web01.json");
	}

	@Test
	void portableDockerHostsNeedTheirPluginAndNeverAKubernetesSecret() {
		ProvisioningRequest request = docker("web02", new Hosts.Portable("web02-ccg", KnownPlugin.AWS.clsid(),
				"{\"credentialArn\":\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:web02\"}"));
		assertThat(DockerHostCommands.of(request, "contoso_web02.json", "contoso.com"))
			.anySatisfy((c) -> assertThat(c).startsWith("# the host is not domain-joined: the ccg.exe plug-in "
					+ KnownPlugin.AWS.clsid()))
			.noneSatisfy((c) -> assertThat(c).contains("Test-ADServiceAccount"));
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> docker("web03", new Hosts.Portable("web03-ccg", KnownPlugin.KUBERNETES_SECRET.clsid(),
					"apps:web03-ccg")))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("hosts.pluginGuid"));
	}

	@Test
	void aFurtherGmsaTheHostsMayNotRetrieveIsABlockerNamingIt() {
		ProvisioningRequest request = Requests.domainJoined("web04").withAdditionalAccounts(List.of("Ok01", "Other01",
				"Missing01"));
		this.directory.gmsas.put("ok01", new GmsaSpec("Ok01", "ok01.contoso.com", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), "web04-hosts"));
		this.directory.gmsas.put("other01", new GmsaSpec("Other01", "other01.contoso.com", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), "someone-else"));
		Plan plan = this.planner.plan(request);

		assertThat(plan.runnable()).isFalse();
		assertThat(plan.blockers()).extracting(Blocker::field)
			.containsExactly("additionalAccounts[1]", "additionalAccounts[2]");
		assertThat(plan.blockers().get(0).message()).contains("Further gMSA Other01", "names neither group web04-hosts");
		assertThat(plan.blockers().get(1).message()).contains("Further gMSA Missing01 does not exist");
	}

	@Test
	void furtherGmsasAreListedOnceAndNeverTheRequestsOwn() {
		assertThat(Requests.domainJoined("web05").withAdditionalAccounts(List.of("Log01$")).additionalAccounts())
			.containsExactly("Log01");
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> Requests.domainJoined("web05").withAdditionalAccounts(List.of("Log01", "log01")))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("additionalAccounts[1]"));
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> Requests.domainJoined("web05").withAdditionalAccounts(List.of("WEB05")))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("additionalAccounts[0]"));
		assertThat(Canonical.json(Requests.domainJoined("web05"))).as("old requests keep their hash")
			.doesNotContain("additionalAccounts");
	}

	@Test
	void theCredentialSpecListsFurtherGmsasAsNewCredentialSpecDoes() {
		ProvisioningRequest request = Requests.domainJoined("web06").withAdditionalAccounts(List.of("Log01"));
		String json = RequestTranslation.credentialSpec(request, FakeDirectory.CONTOSO).toJson();
		assertThat(json.replaceAll("\\s", "")).contains("{\"Name\":\"web06\",\"Scope\":\"contoso.com\"},"
				+ "{\"Name\":\"web06\",\"Scope\":\"CONTOSO\"},{\"Name\":\"Log01\",\"Scope\":\"contoso.com\"}");
		assertThat(EquivalentCommands.of(new PlannedStep(0, StepKind.GENERATE_CREDSPEC, "web06", StepIntent.APPLY, "d"),
				request, "contoso.com")).startsWith("New-CredentialSpec -AccountName 'web06' -Domain 'contoso.com' "
						+ "-AdditionalAccounts 'Log01'");
	}

}
