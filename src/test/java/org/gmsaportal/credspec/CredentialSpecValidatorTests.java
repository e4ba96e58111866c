package org.gmsaportal.credspec;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One test per defect class: each broken credspec gets exactly the finding that names its field and fix.
 */
class CredentialSpecValidatorTests {

	private final CredentialSpecValidator validator = new CredentialSpecValidator();

	private static final CredentialSpec AKV_SPEC = new CredentialSpecGenerator().generate(Facts.CONTOSO, "webapp01",
			List.of(), AzureKeyVaultPlugin.of("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
					"https://contoso-kv.vault.azure.net/secrets/gmsa-webapp01"));

	@Test
	void generatedSpecHasNoFindingsEvenAgainstTheFactsItCameFrom() {
		assertThat(this.validator.validate(AKV_SPEC.toJson(), Facts.CONTOSO).findings()).isEmpty();
	}

	@Test
	void malformedJsonIsReportedWithPositionOnly() {
		ValidationReport report = this.validator.validate("{\"CmsPlugins\": [\"ActiveDirectory\"], \"Sid\": hunter2}");

		assertThat(report.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.code()).isEqualTo(FindingCode.MALFORMED_JSON);
			assertThat(finding.severity()).isEqualTo(Severity.ERROR);
			assertThat(finding.field()).isEqualTo("$");
			assertThat(finding.problem()).contains("line 1, column").doesNotContain("hunter2");
		});
	}

	@Test
	void jsonThatIsNotAnObjectIsMalformed() {
		assertThat(codes(this.validator.validate("[1, 2]"))).containsExactly(FindingCode.MALFORMED_JSON);
		assertThat(codes(this.validator.validate(""))).containsExactly(FindingCode.MALFORMED_JSON);
	}

	@Test
	void duplicateKeysAreMalformedBecauseReadersDisagreeOnWhichOneWins() {
		String json = AKV_SPEC.toJson().replace("\"Sid\":", "\"Sid\": \"S-1-5-21-1-2-3\",\n        \"Sid\":");

		assertThat(codes(this.validator.validate(json))).containsExactly(FindingCode.MALFORMED_JSON);
	}

	@Test
	void missingSectionsAreEachNamed() {
		ValidationReport report = validate((root) -> {
			root.remove("DomainJoinConfig");
			root.withObject("ActiveDirectoryConfig").remove("GroupManagedServiceAccounts");
		});

		assertThat(report.errors()).extracting(Finding::code, Finding::field)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(FindingCode.MISSING_SECTION, "DomainJoinConfig"),
					org.assertj.core.groups.Tuple.tuple(FindingCode.MISSING_SECTION,
							"ActiveDirectoryConfig.GroupManagedServiceAccounts"));
	}

	@Test
	void missingDomainJoinFieldIsNamed() {
		ValidationReport report = validate((root) -> root.withObject("DomainJoinConfig").remove("NetBiosName"));

		assertThat(report.findings()).extracting(Finding::code, Finding::field)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(FindingCode.MISSING_SECTION,
					"DomainJoinConfig.NetBiosName"));
	}

	@Test
	void nonStringLeafIsWrongType() {
		ValidationReport report = validate((root) -> root.withObject("DomainJoinConfig").put("DnsName", 42));

		assertThat(only(report).code()).isEqualTo(FindingCode.WRONG_TYPE);
		assertThat(only(report).field()).isEqualTo("DomainJoinConfig.DnsName");
	}

	@Test
	void cmsPluginsOtherThanActiveDirectoryIsAnError() {
		ValidationReport report = validate((root) -> root.putArray("CmsPlugins").add("ActiveDirectroy"));

		assertThat(only(report).code()).isEqualTo(FindingCode.CMS_PLUGINS);
	}

	@Test
	void gmsaSidWithTrailingRidIsNotADomainSidAndTheFixGivesTheDomainSid() {
		ValidationReport report = validate((root) -> root.withObject("DomainJoinConfig")
			.put("Sid", "S-1-5-21-702590844-1001920913-2680819671-1105"));

		Finding finding = only(report);
		assertThat(finding.code()).isEqualTo(FindingCode.SID_NOT_DOMAIN_SID);
		assertThat(finding.field()).isEqualTo("DomainJoinConfig.Sid");
		assertThat(finding.problem()).contains("account SID");
		assertThat(finding.fix()).contains("S-1-5-21-702590844-1001920913-2680819671");
	}

	@Test
	void wellKnownSidIsNotADomainSid() {
		ValidationReport report = validate((root) -> root.withObject("DomainJoinConfig").put("Sid", "S-1-5-18"));

		assertThat(only(report).code()).isEqualTo(FindingCode.SID_NOT_DOMAIN_SID);
	}

	@Test
	void malformedGuidIsAnError() {
		ValidationReport report = validate(
				(root) -> root.withObject("DomainJoinConfig").put("Guid", "56d9b66c-d746-4f87-bd26-26760cfdca2"));

		assertThat(only(report).code()).isEqualTo(FindingCode.GUID_FORMAT);
		assertThat(only(report).severity()).isEqualTo(Severity.ERROR);
		assertThat(only(report).field()).isEqualTo("DomainJoinConfig.Guid");
	}

	@Test
	void bracedGuidIsOnlyAWarning() {
		ValidationReport report = validate(
				(root) -> root.withObject("DomainJoinConfig").put("Guid", "{56d9b66c-d746-4f87-bd26-26760cfdca2e}"));

		assertThat(only(report).code()).isEqualTo(FindingCode.GUID_FORMAT);
		assertThat(report.isValid()).isTrue();
	}

	@Test
	void machineAccountNameNotAmongGmsasIsAnError() {
		ValidationReport report = validate(
				(root) -> root.withObject("DomainJoinConfig").put("MachineAccountName", "webapp02"));

		assertThat(only(report).code()).isEqualTo(FindingCode.MACHINE_ACCOUNT_NOT_IN_GMSAS);
		assertThat(only(report).field()).isEqualTo("DomainJoinConfig.MachineAccountName");
	}

	@Test
	void machineAccountNameWithDollarIsAnAccountNameError() {
		ValidationReport report = validate((root) -> {
			root.withObject("DomainJoinConfig").put("MachineAccountName", "webapp01$");
			root.withObject("ActiveDirectoryConfig").withArray("GroupManagedServiceAccounts").forEach(
					(account) -> ((ObjectNode) account).put("Name", "webapp01$"));
		});

		assertThat(report.errors()).extracting(Finding::code).containsOnly(FindingCode.ACCOUNT_NAME_FORMAT).hasSize(3);
	}

	@Test
	void missingNetBiosScopeIsAnError() {
		ValidationReport report = validate((root) -> root.withObject("ActiveDirectoryConfig")
			.withArray("GroupManagedServiceAccounts")
			.remove(1));

		assertThat(only(report).code()).isEqualTo(FindingCode.MISSING_NETBIOS_SCOPE);
		assertThat(only(report).fix()).contains("\"Scope\": \"CONTOSO\"");
	}

	@Test
	void missingDnsScopeIsAnError() {
		ValidationReport report = validate((root) -> root.withObject("ActiveDirectoryConfig")
			.withArray("GroupManagedServiceAccounts")
			.remove(0));

		assertThat(only(report).code()).isEqualTo(FindingCode.MISSING_DNS_SCOPE);
		assertThat(only(report).fix()).contains("\"Scope\": \"contoso.com\"");
	}

	@Test
	void pluginGuidThatIsNotAClsidIsAnErrorAndTheDocsPlaceholderIsRecognised() {
		ValidationReport report = validate((root) -> hostAccount(root).put("PluginGUID",
				"{GDMA0342-266A-4D1P-831J-20990E82944F}"));

		assertThat(only(report).code()).isEqualTo(FindingCode.PLUGIN_GUID_NOT_CLSID);
		assertThat(only(report).problem()).contains("placeholder");
	}

	@Test
	void pluginGuidWithoutBracesIsAnErrorWhoseFixAddsThem() {
		ValidationReport report = validate(
				(root) -> hostAccount(root).put("PluginGUID", "CCC2A336-D7F3-4818-A213-272B7924213E"));

		assertThat(only(report).code()).isEqualTo(FindingCode.PLUGIN_GUID_NOT_CLSID);
		assertThat(only(report).fix()).contains("{CCC2A336-D7F3-4818-A213-272B7924213E}");
	}

	@Test
	void unknownPluginGuidIsOnlyAWarning() {
		ValidationReport report = validate(
				(root) -> hostAccount(root).put("PluginGUID", "{8019A64C-3F4E-4DE3-AD2B-9A544290E2C3}"));

		assertThat(only(report).code()).isEqualTo(FindingCode.PLUGIN_GUID_UNKNOWN);
		assertThat(only(report).severity()).isEqualTo(Severity.WARNING);
	}

	@Test
	void documentedPlaceholderClsidIsAnError() {
		ValidationReport report = validate(
				(root) -> hostAccount(root).put("PluginGUID", "{CFCA0441-511D-4B2A-862E-20348A78760B}"));

		assertThat(only(report).code()).isEqualTo(FindingCode.PLUGIN_GUID_PLACEHOLDER);
	}

	@Test
	void pluginInputAsObjectIsAnError() {
		ValidationReport report = validate((root) -> {
			hostAccount(root).put("PluginGUID", KnownPlugin.AWS.clsid());
			hostAccount(root).putObject("PluginInput")
				.put("credentialArn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:gmsa");
		});

		assertThat(only(report).code()).isEqualTo(FindingCode.PLUGIN_INPUT_NOT_STRING);
		assertThat(only(report).field()).isEqualTo("ActiveDirectoryConfig.HostAccountConfig.PluginInput");
		assertThat(only(report).fix()).contains("credentialArn");
	}

	@Test
	void pluginInputNotInTheFormItsPluginReadsIsAnError() {
		ValidationReport report = validate((root) -> hostAccount(root).put("PluginInput", "ObjectId=abc"));

		assertThat(only(report).code()).isEqualTo(FindingCode.PLUGIN_INPUT_INVALID);
		assertThat(only(report).problem()).contains("Azure Key Vault");
	}

	@Test
	void portableCcgVersionOtherThanStringOneIsAnError() {
		assertThat(only(validate((root) -> hostAccount(root).put("PortableCcgVersion", "2"))).code())
			.isEqualTo(FindingCode.PORTABLE_CCG_VERSION);
		assertThat(only(validate((root) -> hostAccount(root).put("PortableCcgVersion", 1))).code())
			.isEqualTo(FindingCode.PORTABLE_CCG_VERSION);
	}

	@Test
	void hostAccountConfigOutsideActiveDirectoryConfigIsMisplaced() {
		ValidationReport report = validate((root) -> root.set("HostAccountConfig",
				root.withObject("ActiveDirectoryConfig").remove("HostAccountConfig")));

		assertThat(only(report).code()).isEqualTo(FindingCode.HOST_ACCOUNT_CONFIG_MISPLACED);
	}

	@Test
	void miscasedKeyIsUnknownAndTheFixNamesTheRightSpelling() {
		ValidationReport report = validate((root) -> {
			ObjectNode ad = root.withObject("ActiveDirectoryConfig");
			ad.set("HostAccountConfig", hostAccount(root).put("PluginGuid", "x"));
		});

		assertThat(only(report).code()).isEqualTo(FindingCode.UNKNOWN_KEY);
		assertThat(only(report).fix()).contains("PluginGUID");
	}

	@Test
	void everyDomainFieldIsComparedWithTheFacts() {
		DomainIdentity other = DomainIdentity.of("fabrikam.com", "FABRIKAM", "corp.fabrikam.com",
				"S-1-5-21-1-2-3", "11111111-2222-3333-4444-555555555555");

		ValidationReport report = this.validator.validate(AKV_SPEC.toJson(), other);

		assertThat(report.errors()).extracting(Finding::code).containsOnly(FindingCode.FACT_MISMATCH);
		assertThat(report.errors()).extracting(Finding::field)
			.containsExactly("DomainJoinConfig.Sid", "DomainJoinConfig.Guid", "DomainJoinConfig.DnsName",
					"DomainJoinConfig.DnsTreeName", "DomainJoinConfig.NetBiosName");
		assertThat(report.errors().get(0).fix()).contains("S-1-5-21-1-2-3");
	}

	@Test
	void factsCompareIgnoringCase() {
		DomainIdentity upper = DomainIdentity.of("CONTOSO.COM", "contoso", "Contoso.Com",
				"S-1-5-21-702590844-1001920913-2680819671", "56D9B66C-D746-4F87-BD26-26760CFDCA2E");

		assertThat(this.validator.validate(AKV_SPEC.toJson(), upper).findings()).isEmpty();
	}

	@Test
	void gmsaCredentialSpecResourceIsUnwrapped() {
		String resource = "{\"apiVersion\":\"windows.k8s.io/v1\",\"kind\":\"GMSACredentialSpec\","
				+ "\"metadata\":{\"name\":\"gmsa-webapp01\"},\"credspec\":" + AKV_SPEC.toJson() + "}";

		ValidationReport report = this.validator.validate(resource, Facts.CONTOSO);

		assertThat(only(report).code()).isEqualTo(FindingCode.RESOURCE_UNWRAPPED);
		assertThat(report.isValid()).isTrue();
	}

	@Test
	void documentedHostAccountExampleIsFlaggedForItsPlaceholderPlugin() {
		ValidationReport report = this.validator.validate(TestFiles.read("seed-host-account.json"), Facts.CONTOSO);

		assertThat(codes(report)).containsExactly(FindingCode.PLUGIN_GUID_NOT_CLSID);
		assertThat(this.validator.validate(TestFiles.read("seed-domain-joined.json"), Facts.CONTOSO).findings())
			.isEmpty();
	}

	private ValidationReport validate(Consumer<ObjectNode> mutation) {
		ObjectNode root = (ObjectNode) CredentialSpecJson.MAPPER.readTree(AKV_SPEC.toJson());
		mutation.accept(root);
		return this.validator.validate(CredentialSpecJson.MAPPER.writeValueAsString(root), Facts.CONTOSO);
	}

	private static ObjectNode hostAccount(ObjectNode root) {
		return root.withObject("ActiveDirectoryConfig").withObject("HostAccountConfig");
	}

	private static Finding only(ValidationReport report) {
		assertThat(report.findings()).hasSize(1);
		return report.findings().get(0);
	}

	private static List<FindingCode> codes(ValidationReport report) {
		return report.findings().stream().map(Finding::code).toList();
	}

}
