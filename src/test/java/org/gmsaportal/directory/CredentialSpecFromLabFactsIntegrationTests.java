package org.gmsaportal.directory;

import org.gmsaportal.credspec.CredentialSpec;
import org.gmsaportal.credspec.CredentialSpecGenerator;
import org.gmsaportal.credspec.CredentialSpecValidator;
import org.gmsaportal.credspec.DomainIdentity;
import org.gmsaportal.credspec.DomainJoinConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A credential spec generated from the Samba lab DC's live domain facts names the domain exactly as
 * Samba's own tools do (issue 4, point 2): this is the path the provisioning flow takes.
 */
class CredentialSpecFromLabFactsIntegrationTests {

	private final LabDirectory lab = LabDirectory.shared();

	@Test
	void generatedCredentialSpecCarriesTheDcsSidGuidAndNames() {
		DomainFacts facts = this.lab.admin().domainFacts();
		DomainIdentity domain = DomainIdentity.of(facts.dnsName(), facts.netbiosName(), facts.forestDnsName(),
				facts.domainSid(), facts.domainGuid().toString());
		CredentialSpec spec = new CredentialSpecGenerator().generate(domain, "WebApp01");

		String base = this.lab.setting("GMSA_LAB_BASE_DN");
		String info = LabDirectory.run("samba-tool", "domain", "info", this.lab.host());
		DomainJoinConfig join = CredentialSpec.fromJson(spec.toJson()).domainJoinConfig();
		assertThat(join.sid()).isEqualTo(this.lab.ldb(base, "(objectClass=domain)", "objectSid"));
		assertThat(join.guid()).isEqualToIgnoringCase(this.lab.ldb(base, "(objectClass=domain)", "objectGUID"));
		assertThat(info).contains("Domain           : " + join.dnsName())
			.contains("Netbios domain   : " + join.netBiosName())
			.contains("Forest           : " + join.dnsTreeName());
		assertThat(join.machineAccountName()).isEqualTo("WebApp01");
		assertThat(new CredentialSpecValidator().validate(spec.toJson(), domain).isValid()).isTrue();
	}

}
