package org.gmsaportal.cluster;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The CoreDNS forward block is added next to an admin's Corefile without changing a byte of it.
 */
class CorefileMergeTests {

	private static final GmsaDeployment.DnsForward CONTOSO = new GmsaDeployment.DnsForward("contoso.com",
			List.of("10.0.0.4", "10.0.0.5"));

	private final String corefile = corefile();

	@Test
	void mergeKeepsTheExistingCorefileByteForByteAndOnlyAppendsTheBlock() {
		String merged = CorefileMerge.merge(this.corefile, CONTOSO, "run-42");

		assertThat(merged).startsWith(this.corefile);
		assertThat(merged.substring(this.corefile.length())).isEqualTo("""

				# gmsa-portal: forward contoso.com run=run-42
				contoso.com:53 {
				    errors
				    cache 30
				    forward . 10.0.0.4 10.0.0.5
				}
				# gmsa-portal: end contoso.com
				""");
	}

	@Test
	void forwardServersMustBeAddressesSoTheyCannotRewriteTheCorefile() {
		assertThatThrownBy(() -> new GmsaDeployment.DnsForward("contoso.com",
				List.of("10.0.0.4", "1.1.1.1\n}\n. {\n    forward . 6.6.6.6")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("dnsForward.servers[1]")
			.hasMessageContaining("must be an IP address");
		assertThatThrownBy(() -> new GmsaDeployment.DnsForward("contoso.com", List.of("dc1.contoso.com")))
			.hasMessageContaining("dnsForward.servers[0]");
		assertThat(new GmsaDeployment.DnsForward("contoso.com", List.of("10.0.0.4:53", "fd00::4", "[fd00::5]:53"))
			.servers()).hasSize(3);
	}

	@Test
	void mergingTwiceGivesTheSameCorefile() {
		String once = CorefileMerge.merge(this.corefile, CONTOSO, "run-42");

		assertThat(CorefileMerge.merge(once, CONTOSO, "run-42")).isEqualTo(once);
		assertThat(CorefileMerge.merge(once, CONTOSO, "run-99")).isEqualTo(once);
	}

	@Test
	void aHandWrittenBlockForTheDomainIsNeitherDuplicatedNorChanged() {
		String withFabrikam = CorefileMerge.merge(this.corefile,
				new GmsaDeployment.DnsForward("fabrikam.local", List.of("10.9.9.9")), "run-42");

		assertThat(withFabrikam).isEqualTo(this.corefile);
		assertThat(CorefileMerge.hasServerBlockFor("dns://Contoso.COM.:53 other.org {\n}\n", "contoso.com")).isTrue();
		assertThat(CorefileMerge.hasServerBlockFor("    contoso.com:53 {\n", "contoso.com")).isFalse();
	}

	@Test
	void aCorefileWithoutTrailingNewlineGetsOneBeforeTheBlock() {
		String merged = CorefileMerge.merge(".:53 {\n    forward . /etc/resolv.conf\n}", CONTOSO, "r");

		assertThat(merged).startsWith(".:53 {\n    forward . /etc/resolv.conf\n}\n\n# gmsa-portal: forward contoso.com");
	}

	@Test
	void removeRestoresTheOriginalCorefileAndLeavesOtherRunsBlocks() {
		String both = CorefileMerge.merge(CorefileMerge.merge(this.corefile, CONTOSO, "run-42"),
				new GmsaDeployment.DnsForward("corp.contoso.com", List.of("10.0.1.4")), "run-43");

		String without42 = CorefileMerge.remove(both, "run-42");

		assertThat(without42).doesNotContain("\ncontoso.com:53 {").contains("corp.contoso.com:53 {");
		assertThat(CorefileMerge.remove(without42, "run-43")).isEqualTo(this.corefile);
		assertThat(CorefileMerge.remove(this.corefile, "run-42")).isEqualTo(this.corefile);
	}

	private static String corefile() {
		String yaml = Fixtures.resource("coredns.yaml");
		io.fabric8.kubernetes.api.model.ConfigMap configMap = io.fabric8.kubernetes.client.utils.Serialization
			.unmarshal(yaml, io.fabric8.kubernetes.api.model.ConfigMap.class);
		return configMap.getData().get("Corefile");
	}

}
