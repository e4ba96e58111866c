package org.gmsaportal.credspec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Golden tests: for fixed domain facts the generator writes exactly the hand-checked JSON files.
 */
class CredentialSpecGeneratorTests {

	private final CredentialSpecGenerator generator = new CredentialSpecGenerator();

	@Test
	void domainJoinedSpecEqualsMicrosoftsDocumentedExampleByteForByte() {
		CredentialSpec spec = this.generator.generate(Facts.CONTOSO, "webapp01");

		assertThat(spec.toJson()).isEqualTo(TestFiles.expectedJson("seed-domain-joined.json"));
		assertThat(spec.hostMode()).isEqualTo(HostMode.DOMAIN_JOINED);
	}

	@Test
	void azureKeyVaultPresetWritesGoldenJson() {
		CredentialSpec spec = this.generator.generate(Facts.CONTOSO, "webapp01", List.of(), AzureKeyVaultPlugin
			.of("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", "https://contoso-kv.vault.azure.net/secrets/gmsa-webapp01"));

		assertThat(spec.toJson()).isEqualTo(TestFiles.expectedJson("azure-key-vault.json"));
		assertThat(spec.hostMode()).isEqualTo(HostMode.NON_DOMAIN_JOINED);
	}

	@Test
	void awsPresetWritesPluginInputAsEscapedJsonString() {
		CredentialSpec spec = this.generator.generate(Facts.CONTOSO, "webapp01", List.of(),
				new AwsPlugin("arn:aws:secretsmanager:us-east-1:123456789012:secret:gmsa/webapp01-AbCdEf"));

		assertThat(spec.toJson()).isEqualTo(TestFiles.expectedJson("aws.json"));
	}

	@Test
	void kubernetesSecretPresetWritesGoldenJson() {
		CredentialSpec spec = this.generator.generate(Facts.CONTOSO, "webapp01", List.of(),
				new KubernetesSecretPlugin("gmsa-system", "webapp01-portable-identity"));

		assertThat(spec.toJson()).isEqualTo(TestFiles.expectedJson("kubernetes-secret.json"));
	}

	@Test
	void customPresetWritesGoldenJson() {
		CredentialSpec spec = this.generator.generate(Facts.CONTOSO, "webapp01", List.of(),
				CustomPlugin.of("f919de1a-efc4-4902-b7e5-56a314a87262",
						"keyVaultName=contoso-kv;clientId=0f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f;keyVaultSecret=gmsa-webapp01"));

		assertThat(spec.toJson()).isEqualTo(TestFiles.expectedJson("custom.json"));
	}

	@Test
	void additionalAccountsGetOneEntryEachScopedToTheirDomainsDnsName() {
		CredentialSpec spec = this.generator.generate(Facts.DEV_CONTOSO, "WebApp01$",
				List.of(AdditionalAccount.inSameDomain("LogAgentSvc$"), AdditionalAccount.inDomain("gMSA3", "contoso.com")),
				null);

		assertThat(spec.toJson()).isEqualTo(TestFiles.expectedJson("additional-accounts.json"));
		assertThat(spec.suggestedFileName()).isEqualTo("dev_webapp01.json");
	}

	@Test
	void suggestedFileNameIsNetBiosAndAccountInLowerCaseAsTheCmdletChoosesIt() {
		assertThat(this.generator.generate(Facts.CONTOSO, "WebApp01").suggestedFileName())
			.isEqualTo("contoso_webapp01.json");
	}

	@Test
	void documentedHostAccountExampleHasTheSameStructureAsGeneratedSpec() {
		String seed = TestFiles.read("seed-host-account.json");
		CredentialSpec parsed = CredentialSpec.fromJson(seed);
		CredentialSpec generated = this.generator.generate(Facts.CONTOSO, "webapp01", List.of(),
				new KubernetesSecretPlugin("gmsa-system", "webapp01-portable-identity"));

		assertThat(shape(seed)).isEqualTo(shape(generated.toJson()));
		// Everything but the documentation's placeholder plug-in values is what the generator writes.
		assertThat(parsed.domainJoinConfig()).isEqualTo(generated.domainJoinConfig());
		assertThat(parsed.activeDirectoryConfig().groupManagedServiceAccounts())
			.isEqualTo(generated.activeDirectoryConfig().groupManagedServiceAccounts());
		assertThat(parsed.activeDirectoryConfig().hostAccountConfig().pluginGuid())
			.isEqualTo("{GDMA0342-266A-4D1P-831J-20990E82944F}");
	}

	@Test
	void documentedDomainJoinedExampleParsesIntoTheGeneratedModel() {
		CredentialSpec parsed = CredentialSpec.fromJson(TestFiles.read("seed-domain-joined.json"));

		assertThat(parsed).isEqualTo(this.generator.generate(Facts.CONTOSO, "webapp01"));
		assertThat(shape(TestFiles.read("seed-domain-joined.json")))
			.isEqualTo(shape(this.generator.generate(Facts.CONTOSO, "webapp01").toJson()));
	}

	@Test
	void toMapKeepsTheCmdletKeyOrder() {
		Map<String, Object> map = this.generator.generate(Facts.CONTOSO, "webapp01").toMap();

		assertThat(map).containsOnlyKeys("CmsPlugins", "DomainJoinConfig", "ActiveDirectoryConfig");
		assertThat(List.copyOf(map.keySet())).containsExactly("CmsPlugins", "DomainJoinConfig", "ActiveDirectoryConfig");
		assertThat(List.<Object>copyOf(((Map<?, ?>) map.get("DomainJoinConfig")).keySet())).containsExactly("Sid",
				"MachineAccountName", "Guid", "DnsTreeName", "DnsName", "NetBiosName");
	}

	@Test
	void nonAsciiNamesAreEscapedSoTheFileStaysAsciiLikeTheCmdletsOutput() {
		DomainIdentity facts = DomainIdentity.of("contoso.com", "CONTÖSO", "contoso.com",
				"S-1-5-21-702590844-1001920913-2680819671", "56d9b66c-d746-4f87-bd26-26760cfdca2e");

		String json = this.generator.generate(facts, "webapp01").toJson();

		assertThat(json).contains("\"NetBiosName\": \"CONT\\u00D6SO\"").matches("\\p{ASCII}*");
		assertThat(CredentialSpec.fromJson(json).domainJoinConfig().netBiosName()).isEqualTo("CONTÖSO");
	}

	@Test
	void badAccountNameIsRejectedNamingFieldAndRule() {
		assertThatExceptionOfType(InvalidCredentialSpecInputException.class)
			.isThrownBy(() -> this.generator.generate(Facts.CONTOSO, "web app 01"))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("accountName"))
			.withMessageContaining("gMSA name of 1 to 15 characters");
		assertThatExceptionOfType(InvalidCredentialSpecInputException.class)
			.isThrownBy(() -> this.generator.generate(Facts.CONTOSO, "averyveryverylongname"))
			.withMessageStartingWith("accountName:");
	}

	@Test
	void badAdditionalAccountDomainIsRejectedNamingItsIndex() {
		assertThatExceptionOfType(InvalidCredentialSpecInputException.class)
			.isThrownBy(() -> this.generator.generate(Facts.CONTOSO, "webapp01",
					List.of(AdditionalAccount.inSameDomain("ok"), AdditionalAccount.inDomain("log", "CONTOSO\\x")), null))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("additionalAccounts[1].domainDnsName"));
	}

	@Test
	void additionalAccountRepeatingThePrimaryIsRejected() {
		assertThatExceptionOfType(InvalidCredentialSpecInputException.class)
			.isThrownBy(() -> this.generator.generate(Facts.CONTOSO, "webapp01",
					List.of(AdditionalAccount.inDomain("WEBAPP01", "CONTOSO.com")), null))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("additionalAccounts[0]"))
			.withMessageContaining("list each gMSA once");
	}

	/** Every key path with its JSON type, in document order: what a structural diff compares. */
	static List<String> shape(String json) {
		List<String> paths = new ArrayList<>();
		collect(CredentialSpecJson.MAPPER.readTree(json), "$", paths);
		return paths;
	}

	private static void collect(JsonNode node, String path, List<String> paths) {
		paths.add(path + ":" + node.getNodeType());
		if (node.isObject()) {
			node.properties().forEach((entry) -> collect(entry.getValue(), path + "." + entry.getKey(), paths));
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				collect(node.get(i), path + "[" + i + "]", paths);
			}
		}
	}

}
