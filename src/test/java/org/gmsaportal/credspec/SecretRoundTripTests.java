package org.gmsaportal.credspec;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each preset reads back the identity it asked the store to hold ({@code identityFrom} is the inverse of
 * {@code secretFor}), and the AKS-HCI preset takes the CLSID the admin supplies, never a guessed one.
 */
class SecretRoundTripTests {

	private static final String CLSID = "{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9}";

	private final PortableIdentity identity = new PortableIdentity("lab.test", "webapp01-ccg",
			SecretValue.of("p@ss:w\\rd=Secret+1"));

	@Test
	void everyPresetReadsBackTheIdentityItStores() {
		HostAccountPreset[] presets = { new KubernetesSecretPlugin("apps", "webapp01-ccg"),
				new AksHciSecretPlugin(CLSID, "apps", "webapp01-ccg"),
				new AzureKeyVaultPlugin(UUID.randomUUID(), URI.create("https://kv1.vault.azure.net/secrets/webapp01")),
				new AwsPlugin("arn:aws:secretsmanager:eu-west-1:111122223333:secret:webapp01") };
		for (HostAccountPreset preset : presets) {
			PortableIdentity read = preset.identityFrom(preset.secretFor(this.identity).orElseThrow());
			assertThat(read.domainDnsName()).as(preset.describe()).isEqualTo("lab.test");
			assertThat(read.userName()).as(preset.describe()).isEqualTo("webapp01-ccg");
			assertThat(read.password()).as(preset.describe()).isEqualTo(this.identity.password());
		}
	}

	@Test
	void theAksHciSecretHasTheKeysOfTheAksHciDocument() {
		var secret = (PortableIdentitySecret.KeyValues) new AksHciSecretPlugin(CLSID, "apps", "webapp01-ccg")
			.secretFor(this.identity).orElseThrow();
		assertThat(secret.entries()).containsOnlyKeys("domain", "username", "password");
		assertThat(secret.entries().get("domain").reveal()).isEqualTo("lab.test");
		var rancher = (PortableIdentitySecret.KeyValues) new KubernetesSecretPlugin("apps", "webapp01-ccg")
			.secretFor(this.identity).orElseThrow();
		assertThat(rancher.entries()).containsOnlyKeys("username", "password", "domainName");
	}

	@Test
	void theAksHciPresetIsNamedByTheRequestBecauseItsClsidIsTheAdmins() {
		HostAccountConfig config = new HostAccountConfig("1", CLSID, "apps:webapp01-ccg");
		assertThat(HostAccountPreset.from(config, PluginPreset.AKS_HCI_SECRET))
			.isEqualTo(new AksHciSecretPlugin(CLSID, "apps", "webapp01-ccg"));
		assertThat(HostAccountPreset.from(config)).isInstanceOf(CustomPlugin.class);
		assertThat(AksHciSecretPlugin.of(CLSID.substring(1, 37), "apps:webapp01-ccg").pluginGuid()).isEqualTo(CLSID);
		assertThat(PluginPreset.of(HostAccountPreset.from(config, PluginPreset.AKS_HCI_SECRET)))
			.isEqualTo(PluginPreset.AKS_HCI_SECRET);
	}

	@Test
	void theAksHciPresetRefusesAMissingPlaceholderOrAnotherPluginsClsid() {
		assertThatThrownBy(() -> AksHciSecretPlugin.of("", "apps:s"))
			.isInstanceOfSatisfying(InvalidCredentialSpecInputException.class,
					(ex) -> assertThat(ex.field()).isEqualTo("PluginGUID"))
			.hasMessageContaining("Microsoft does not publish it");
		assertThatThrownBy(() -> AksHciSecretPlugin.of("{GDMA0342-266A-4D1P-831J-20990E82944F}", "apps:s"))
			.hasMessageContaining("PluginGUID");
		assertThatThrownBy(() -> AksHciSecretPlugin.of("{CFCA0441-511D-4B2A-862E-20348A78760B}", "apps:s"))
			.hasMessageContaining("placeholder");
		assertThatThrownBy(() -> AksHciSecretPlugin.of(KnownPlugin.KUBERNETES_SECRET.clsid(), "apps:s"))
			.hasMessageContaining("not of the AKS-HCI plug-in");
		assertThatThrownBy(() -> AksHciSecretPlugin.of(CLSID, "Apps:s")).hasMessageContaining("namespace");
		assertThatThrownBy(() -> HostAccountPreset.from(new HostAccountConfig("1", KnownPlugin.AWS.clsid(),
				"{\"credentialArn\":\"arn:aws:secretsmanager:eu-west-1:111122223333:secret:x\"}"), PluginPreset.RANCHER_SECRET))
			.hasMessageContaining("must be the CLSID of the Kubernetes Secret plug-in (Rancher)");
	}

	@Test
	void aSecretWithoutAKeyIsRefusedNamingTheKeyNotTheValue() {
		Map<String, SecretValue> entries = new LinkedHashMap<>();
		entries.put("username", SecretValue.of("webapp01-ccg"));
		entries.put("password", SecretValue.of("hunter2-Secret"));
		assertThatThrownBy(() -> new KubernetesSecretPlugin("apps", "s")
			.identityFrom(new PortableIdentitySecret.KeyValues(entries)))
			.isInstanceOfSatisfying(InvalidCredentialSpecInputException.class,
					(ex) -> assertThat(ex.field()).isEqualTo("secret.domainName"))
			.message().doesNotContain("hunter2");
		assertThatThrownBy(() -> new AwsPlugin("arn:aws:secretsmanager:eu-west-1:111122223333:secret:x")
			.identityFrom(new PortableIdentitySecret.Text(SecretValue.of("{\"password\":\"hunter2-Secret\""))))
			.message().doesNotContain("hunter2");
	}

}
