package org.gmsaportal.credspec;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each plug-in preset checks its own typed inputs, writes its {@code PluginInput}, reads it back, and produces the
 * secret its plug-in expects.
 */
class HostAccountPresetTests {

	private static final PortableIdentity IDENTITY = new PortableIdentity("contoso.com", "gmsa-ccg",
			SecretValue.of("p@ss:w0rd\\x"));

	@Test
	void keyVaultPresetRejectsBadObjectIdAndSecretUriNamingTheField() {
		assertThat(field(() -> AzureKeyVaultPlugin.of("not-a-guid", "https://kv.vault.azure.net/secrets/s")))
			.isEqualTo("ObjectId");
		for (String uri : List.of("http://kv.vault.azure.net/secrets/s", "https://kv.example.com/secrets/s",
				"https://kv.vault.azure.net/keys/s", "https://kv.vault.azure.net/secrets/s?x=1", "not a uri")) {
			assertThat(field(() -> AzureKeyVaultPlugin.of("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", uri))).as(uri)
				.isEqualTo("SecretUri");
		}
	}

	@Test
	void keyVaultInputKeysAreCaseInsensitiveAsThePluginReadsThem() {
		HostAccountPreset preset = HostAccountPreset.from(new HostAccountConfig("1", KnownPlugin.AZURE_KEY_VAULT.clsid(),
				"objectid=a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d;SECRETURI=https://kv.vault.azure.net/secrets/s/0123456789abcdef0123456789abcdef"));

		assertThat(preset).isInstanceOf(AzureKeyVaultPlugin.class);
		assertThat(preset.pluginInput()).isEqualTo(
				"ObjectId=a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d;SecretUri=https://kv.vault.azure.net/secrets/s/0123456789abcdef0123456789abcdef");
	}

	@Test
	void keyVaultSecretIsDomainBackslashUserColonPassword() {
		PortableIdentitySecret secret = AzureKeyVaultPlugin
			.of("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", "https://kv.vault.azure.net/secrets/s")
			.secretFor(IDENTITY)
			.orElseThrow();

		assertThat(((PortableIdentitySecret.Text) secret).value().reveal())
			.isEqualTo("contoso.com\\gmsa-ccg:p@ss:w0rd\\x")
			.matches("^[^\\\\]+\\\\[^:]+:.+$");
	}

	@Test
	void awsPresetAcceptsSecretsManagerAndSsmArnsOnly() {
		assertThat(new AwsPlugin("arn:aws:ssm:eu-central-1:123456789012:parameter/gmsa/app").pluginInput())
			.isEqualTo("{\"credentialArn\":\"arn:aws:ssm:eu-central-1:123456789012:parameter/gmsa/app\"}");
		for (String arn : List.of("arn:aws:s3:::bucket/key", "arn:aws:secretsmanager:us-east-1:12345:secret:x",
				"secret-name")) {
			assertThat(field(() -> new AwsPlugin(arn))).as(arn).isEqualTo("credentialArn");
		}
	}

	@Test
	void awsInputMustBeTheDocumentedJsonObjectInAString() {
		assertThat(field(() -> HostAccountPreset.from(new HostAccountConfig("1", KnownPlugin.AWS.clsid(),
				"arn:aws:secretsmanager:us-east-1:123456789012:secret:gmsa")))).isEqualTo("PluginInput");
		assertThat(field(() -> HostAccountPreset.from(new HostAccountConfig("1", KnownPlugin.AWS.clsid(),
				"{\"CredentialArn\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:gmsa\"}"))))
			.isEqualTo("PluginInput");
	}

	@Test
	void awsSecretIsJsonWithUsernamePasswordAndDomainName() {
		PortableIdentitySecret secret = new AwsPlugin("arn:aws:secretsmanager:us-east-1:123456789012:secret:gmsa")
			.secretFor(IDENTITY)
			.orElseThrow();

		assertThat(((PortableIdentitySecret.Text) secret).value().reveal())
			.isEqualTo("{\"username\":\"gmsa-ccg\",\"password\":\"p@ss:w0rd\\\\x\",\"domainName\":\"contoso.com\"}");
	}

	@Test
	void kubernetesSecretPresetChecksNamespaceAndSecretName() {
		assertThat(field(() -> new KubernetesSecretPlugin("Gmsa", "identity"))).isEqualTo("namespace");
		assertThat(field(() -> new KubernetesSecretPlugin("gmsa", "identity_1"))).isEqualTo("secretName");
		assertThat(field(() -> HostAccountPreset.from(new HostAccountConfig("1",
				KnownPlugin.KUBERNETES_SECRET.clsid(), "gmsa:identity:extra")))).isEqualTo("PluginInput");
		assertThat(HostAccountPreset.from(new HostAccountConfig("1", "{E4781092-F116-4B79-B55E-28EB6A224E26}",
				"gmsa:identity.v1"))).isEqualTo(new KubernetesSecretPlugin("gmsa", "identity.v1"));
	}

	@Test
	void kubernetesSecretHoldsUsernamePasswordAndDomainNameKeys() {
		PortableIdentitySecret secret = new KubernetesSecretPlugin("gmsa", "identity").secretFor(IDENTITY)
			.orElseThrow();

		PortableIdentitySecret.KeyValues keys = (PortableIdentitySecret.KeyValues) secret;
		assertThat(keys.entries()).containsOnlyKeys("username", "password", "domainName");
		assertThat(List.copyOf(keys.entries().keySet())).containsExactly("username", "password", "domainName");
		assertThat(keys.entries().get("password").reveal()).isEqualTo("p@ss:w0rd\\x");
		assertThat(keys.entries().get("domainName").reveal()).isEqualTo("contoso.com");
	}

	@Test
	void customPresetTakesAnyClsidButNotAKnownOneOrAPlaceholder() {
		assertThat(CustomPlugin.of("8019a64c-3f4e-4de3-ad2b-9a544290e2c3", "in").pluginGuid())
			.isEqualTo("{8019a64c-3f4e-4de3-ad2b-9a544290e2c3}");
		assertThat(field(() -> CustomPlugin.of("{GDMA0342-266A-4D1P-831J-20990E82944F}", "in"))).isEqualTo("PluginGUID");
		assertThat(field(() -> CustomPlugin.of("{CFCA0441-511D-4B2A-862E-20348A78760B}", "in"))).isEqualTo("PluginGUID");
		assertThat(field(() -> CustomPlugin.of(KnownPlugin.AWS.clsid(), "in"))).isEqualTo("PluginGUID");
		assertThat(field(() -> CustomPlugin.of("{8019A64C-3F4E-4DE3-AD2B-9A544290E2C3}", " "))).isEqualTo("PluginInput");
		assertThat(CustomPlugin.of("{8019A64C-3F4E-4DE3-AD2B-9A544290E2C3}", "x").secretFor(IDENTITY)).isEmpty();
	}

	@Test
	void everyPresetWritesTheVersionOneSection() {
		for (HostAccountPreset preset : List.of(
				AzureKeyVaultPlugin.of("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", "https://kv.vault.azure.net/secrets/s"),
				new AwsPlugin("arn:aws:secretsmanager:us-east-1:123456789012:secret:gmsa"),
				new KubernetesSecretPlugin("gmsa", "identity"),
				CustomPlugin.of("{8019A64C-3F4E-4DE3-AD2B-9A544290E2C3}", "x"))) {
			HostAccountConfig config = preset.hostAccountConfig();
			assertThat(config.portableCcgVersion()).isEqualTo("1");
			assertThat(config.pluginGuid()).isEqualTo(preset.pluginGuid());
			assertThat(HostAccountPreset.from(config)).isEqualTo(preset);
		}
	}

	@Test
	void portableIdentityRejectsBadUserAndDomainNamingTheField() {
		assertThat(field(() -> new PortableIdentity("contoso.com", "CONTOSO\\user", SecretValue.of("pw"))))
			.isEqualTo("userName");
		assertThat(field(() -> new PortableIdentity("contoso.com.", "user", SecretValue.of("pw"))))
			.isEqualTo("domainDnsName");
	}

	@Test
	void domainIdentityRejectsBadFactsNamingFieldAndRule() {
		assertThatExceptionOfType(InvalidCredentialSpecInputException.class)
			.isThrownBy(() -> DomainIdentity.of("contoso.com", "CONTOSO", "contoso.com",
					"S-1-5-21-702590844-1001920913-2680819671-1105", "56d9b66c-d746-4f87-bd26-26760cfdca2e"))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("domainSid"))
			.withMessageContaining("the domain SID is S-1-5-21-702590844-1001920913-2680819671");
		assertThat(field(() -> DomainIdentity.of("contoso.com", "CON.TOSO", "contoso.com", "S-1-5-21-1-2-3",
				"56d9b66c-d746-4f87-bd26-26760cfdca2e"))).isEqualTo("netBiosName");
		assertThat(field(() -> DomainIdentity.of("contoso.com", "CONTOSO", "contoso..com", "S-1-5-21-1-2-3",
				"56d9b66c-d746-4f87-bd26-26760cfdca2e"))).isEqualTo("forestDnsName");
		assertThat(field(() -> DomainIdentity.of("contoso.com", "CONTOSO", "contoso.com", "S-1-5-21-1-2-3",
				"00000000-0000-0000-0000-000000000000"))).isEqualTo("objectGuid");
		assertThat(field(() -> DomainIdentity.of("contoso.com", "CONTOSO", "contoso.com", "S-1-5-21-1-2-3", "xyz")))
			.isEqualTo("objectGuid");
		assertThat(DomainIdentity.of("contoso.com", "CONTOSO", "contoso.com", "S-1-5-21-1-2-3",
				"{56D9B66C-D746-4F87-BD26-26760CFDCA2E}").objectGuid()).hasToString("56d9b66c-d746-4f87-bd26-26760cfdca2e");
	}

	private static String field(Runnable action) {
		try {
			action.run();
		}
		catch (InvalidCredentialSpecInputException ex) {
			return ex.field();
		}
		throw new AssertionError("expected InvalidCredentialSpecInputException");
	}

}
