package org.gmsaportal.directory;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Domain facts read over LDAPS equal what Samba's own tools (ldbsearch, samba-tool domain info) report.
 */
class DomainFactsIntegrationTests {

	private final LabDirectory lab = LabDirectory.shared();

	@Test
	void sidAndGuidEqualSambasDecoding() {
		DomainFacts facts = this.lab.admin().domainFacts();
		String base = this.lab.setting("GMSA_LAB_BASE_DN");
		assertThat(facts.domainSid()).startsWith("S-1-5-21-")
			.isEqualTo(this.lab.ldb(base, "(objectClass=domain)", "objectSid"));
		assertThat(facts.domainGuid()).hasToString(this.lab.ldb(base, "(objectClass=domain)", "objectGUID"));
	}

	@Test
	void namesComeFromTheCrossRefAndMatchSambaToolDomainInfo() {
		DomainFacts facts = this.lab.admin().domainFacts();
		String info = LabDirectory.run("samba-tool", "domain", "info", this.lab.host());
		assertThat(facts.dnsName()).isEqualTo("lab.test");
		assertThat(facts.netbiosName()).isEqualTo("LAB");
		assertThat(facts.forestDnsName()).isEqualTo("lab.test");
		assertThat(info).contains("Domain           : " + facts.dnsName())
			.contains("Netbios domain   : " + facts.netbiosName())
			.contains("Forest           : " + facts.forestDnsName());
		assertThat(facts.defaultNamingContext()).isEqualTo("DC=lab,DC=test");
		assertThat(facts.configurationNamingContext()).isEqualTo("CN=Configuration,DC=lab,DC=test");
		assertThat(facts.rootDomainNamingContext()).isEqualTo("DC=lab,DC=test");
		assertThat(facts.dcHostName()).isEqualToIgnoringCase("dc1.lab.test");
		assertThat(facts.dcServerReference()).isEqualToIgnoringCase("CN=DC1,OU=Domain Controllers,DC=lab,DC=test");
	}

	@Test
	void dcTimeAndFunctionalLevelsAreRead() {
		DomainFacts facts = this.lab.admin().domainFacts();
		assertThat(Duration.between(facts.dcTime(), Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
		assertThat(facts.domainFunctionality()).isGreaterThanOrEqualTo(4);
		assertThat(facts.forestFunctionality()).isGreaterThanOrEqualTo(4);
		assertThat(DomainFacts.levelName(facts.domainFunctionality())).doesNotContain("level");
	}

	@Test
	void withoutAServiceAccountTheConnectionSaysWhichSettingIsMissing() {
		assertThatThrownBy(() -> this.lab.as(null, null).domainFacts()).isInstanceOf(DirectoryException.class)
			.hasMessageContaining("gmsa.directory.connections.lab.bind-user is not set");
	}

}
