package org.gmsaportal.provisioning;

import java.util.List;
import java.util.Set;

import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every request field rejects bad input with an error naming the field and the rule.
 */
class ProvisioningRequestTests {

	@Test
	void validRequestIsNormalised() {
		ProvisioningRequest request = request("WebApp01$", "WebApp01.Contoso.com",
				List.of("http/b.contoso.com", "HTTP/a.contoso.com:8080"), Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96));
		assertThat(request.gmsaName()).isEqualTo("WebApp01");
		assertThat(request.samAccountName()).isEqualTo("WebApp01$");
		assertThat(request.dnsHostName()).isEqualTo("webapp01.contoso.com");
		assertThat(request.spns()).containsExactly("HTTP/a.contoso.com:8080", "http/b.contoso.com");
	}

	@ParameterizedTest
	@ValueSource(strings = { "webapp01-too-long", "", "web app", "web'; DROP TABLE x;--", "a<script>", "web.", "12345",
			"-web", "wéb" })
	void badGmsaNamesAreRefused(String name) {
		assertThatThrownBy(() -> request(name, "web.contoso.com", List.of(), Set.of(EncryptionType.AES128_CTS_HMAC_SHA1_96)))
			.isInstanceOfSatisfying(InvalidRequestException.class, (ex) -> assertThat(ex.field()).isEqualTo("gmsaName"))
			.hasMessageStartingWith("gmsaName: must");
	}

	@Test
	void overlongNameSaysTheLimit() {
		assertThatThrownBy(() -> request("webapp01-too-long", "web.contoso.com", List.of(), Set.of(EncryptionType.RC4_HMAC)))
			.hasMessageContaining("1 to 15").hasMessageContaining("16-character NetBIOS limit");
	}

	@ParameterizedTest
	@ValueSource(strings = { "web", "web..contoso.com", "web_01.contoso.com", "-web.contoso.com", "web.contoso.com.",
			"web.contoso.com;rm" })
	void badDnsHostNamesAreRefused(String dns) {
		assertThatThrownBy(() -> request("web01", dns, List.of(), Set.of(EncryptionType.AES128_CTS_HMAC_SHA1_96)))
			.isInstanceOfSatisfying(InvalidRequestException.class,
					(ex) -> assertThat(ex.field()).isEqualTo("dnsHostName"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "HTTP", "HTTP/", "/web.contoso.com", "HTTP/web.contoso.com:0", "HTTP/web.contoso.com:70000",
			"HTTP/web contoso", "HT TP/web.contoso.com", "HTTP/web.contoso.com/a/b" })
	void badSpnsAreRefusedNamingTheirPosition(String spn) {
		assertThatThrownBy(() -> request("web01", "web.contoso.com", List.of("HTTP/ok.contoso.com", spn),
				Set.of(EncryptionType.AES128_CTS_HMAC_SHA1_96)))
			.isInstanceOfSatisfying(InvalidRequestException.class, (ex) -> assertThat(ex.field()).startsWith("spns["));
	}

	@Test
	void duplicateSpnsAreRefused() {
		assertThatThrownBy(() -> request("web01", "web.contoso.com", List.of("HTTP/web.contoso.com", "http/WEB.contoso.com"),
				Set.of(EncryptionType.AES128_CTS_HMAC_SHA1_96)))
			.hasMessage("spns[1]: is listed twice: list each SPN once");
	}

	@Test
	void encryptionTypesMustNotBeEmpty() {
		assertThatThrownBy(() -> request("web01", "web.contoso.com", List.of(), Set.of()))
			.hasMessage("encryptionTypes: must name at least one encryption type");
	}

	@Test
	void computerAccountsMustEndInDollar() {
		assertThatThrownBy(() -> domainJoined(List.of("NODE1$", "NODE2")))
			.hasMessageStartingWith("hosts.computerAccounts[1]: must be a computer account");
		assertThatThrownBy(() -> domainJoined(List.of("NODE1$", "node1$"))).hasMessageContaining("listed twice");
	}

	@Test
	void pluginsAreCheckedAndCustomOnesRefused() {
		assertThatThrownBy(() -> portable(KnownPlugin.KUBERNETES_SECRET.clsid(), "no-colon"))
			.hasMessageStartingWith("hosts.pluginInput: must be <namespace>:<secret name>");
		assertThatThrownBy(() -> portable("{11111111-2222-3333-4444-555555555555}", "whatever"))
			.hasMessageStartingWith("hosts.pluginGuid: must be a known plug-in");
		assertThatThrownBy(() -> portable(KnownPlugin.KUBERNETES_SECRET.clsid(), "other:secret"))
			.hasMessageContaining("must read from namespace apps");
	}

	@Test
	void anExportedSecretGoesWhereTheKubernetesSecretPluginReads() {
		Hosts.Portable hosts = new Hosts.Portable("web01-ccg", KnownPlugin.KUBERNETES_SECRET.clsid(), "other:secret");
		assertThatThrownBy(() -> new ProvisioningRequest("lab", "web01", "web01.contoso.com", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, "web01-hosts", hosts,
				new Target.ExportOnly("apps", "webapp", "web01-spec"), null))
			.hasMessage("hosts.pluginInput: the Kubernetes secret plug-in must read from namespace apps, "
					+ "where the bundle puts the Secret");
	}

	@Test
	void ticketAndKubernetesNamesAreChecked() {
		ProvisioningRequest ok = Requests.portable("web01");
		assertThatThrownBy(() -> new ProvisioningRequest(ok.directoryConnection(), ok.gmsaName(), ok.dnsHostName(),
				ok.spns(), ok.encryptionTypes(), ok.kdsRootKey(), ok.groupName(), ok.hosts(), ok.target(),
				"CHG1; DROP TABLE"))
			.hasMessageStartingWith("ticketRef: must be");
		assertThatThrownBy(() -> new ProvisioningRequest("lab", "web01", "web01.contoso.com", List.of(),
				Set.of(EncryptionType.RC4_HMAC), KdsRootKeyChoice.CREATE, "web01-hosts", new Hosts.DomainJoined(List.of()),
				new Target.ExportOnly("Apps", "webapp", "web01-spec"), null))
			.hasMessageStartingWith("target.namespace: must be a DNS label");
	}

	private static ProvisioningRequest request(String name, String dns, List<String> spns, Set<EncryptionType> types) {
		return new ProvisioningRequest("lab", name, dns, spns, types, KdsRootKeyChoice.USE_EXISTING, "gmsa-hosts",
				new Hosts.DomainJoined(List.of()), new Target.ExportOnly("apps", "webapp", "web-spec"), null);
	}

	private static ProvisioningRequest domainJoined(List<String> computers) {
		return new ProvisioningRequest("lab", "web01", "web01.contoso.com", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, "web01-hosts",
				new Hosts.DomainJoined(computers), new Target.ExportOnly("apps", "webapp", "web01-spec"), null);
	}

	private static ProvisioningRequest portable(String guid, String input) {
		return new ProvisioningRequest("lab", "web01", "web01.contoso.com", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, "web01-hosts",
				new Hosts.Portable("web01-ccg", guid, input),
				new Target.Cluster("lab", "apps", "webapp", "web01-spec", List.of(), null), null);
	}

	// issue 17, item 8: a CoreDNS forward goes to DNS servers by address; the wizard's cluster step comes this way
	@ParameterizedTest
	@ValueSource(strings = { "aa", "10.0.0.999", "10.0.0", "010.0.0.1", "fe80::1::2", "dc1.contoso.com", "::g" })
	void dnsForwardServersThatAreNotIpAddressesAreRefusedNamingTheirPosition(String server) {
		assertThatThrownBy(() -> withDnsServers(List.of("10.0.0.4", server)))
			.isInstanceOfSatisfying(InvalidRequestException.class,
					(ex) -> assertThat(ex.field()).isEqualTo("target.dnsForwardServers[1]"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "10.0.0.4", "255.255.255.255", "fd00::53", "::ffff:10.0.0.4", "2001:db8:0:0:0:0:0:1" })
	void dnsForwardServersThatAreIpAddressesAreTaken(String server) {
		assertThat(withDnsServers(List.of(server)).target()).isInstanceOf(Target.Cluster.class);
	}

	private static ProvisioningRequest withDnsServers(List<String> servers) {
		return new ProvisioningRequest("lab", "web01", "web01.contoso.com", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, "web01-hosts",
				new Hosts.DomainJoined(List.of()), new Target.Cluster("lab", "apps", "webapp", "web01-spec", servers,
						null), null);
	}

}
