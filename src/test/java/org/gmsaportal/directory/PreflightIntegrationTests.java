package org.gmsaportal.directory;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.gmsaportal.directory.PreflightCheck.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Preflight checks against the lab DC: what passes, and each failure with its fix, before any write.
 */
class PreflightIntegrationTests {

	private final LabDirectory lab = LabDirectory.shared();

	private final IdentityManagement identities = new IdentityManagement(new RecordingAuditTrail());

	private final Preflight preflight = new Preflight();

	private final DirectoryConnection admin = this.lab.admin();

	private PreflightCheck named(List<PreflightCheck> checks, String name) {
		return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
	}

	private String group() {
		String group = LabDirectory.unique("pg");
		this.identities.ensureGroup(this.admin, GroupRequest.of(group));
		return group;
	}

	@Test
	void freshRequestPassesEveryCheck() {
		List<PreflightCheck> checks = this.preflight.check(this.admin, GmsaRequest.of(LabDirectory.unique("pa"), group()));
		assertThat(checks).extracting(PreflightCheck::name)
			.containsExactly("KDS root key usable", "no name collision", "SPNs not registered elsewhere",
					"target container writable", "clock skew under 5 minutes", "DC certificate valid");
		assertThat(checks).allSatisfy(c -> assertThat(c.verdict()).as(c.explanation()).isEqualTo(Verdict.PASS));
	}

	@Test
	void userNamedLikeTheGmsaAndDuplicateSpnFailWithTheirFix() {
		String name = LabDirectory.unique("pc");
		String group = group();
		this.identities.ensurePortableUser(this.admin, new PortableUserRequest(name, group, null));
		String spn = "http/" + LabDirectory.unique("pd") + ".lab.test";
		String holder = LabDirectory.unique("ph");
		this.identities.ensureGmsa(this.admin, GmsaRequest.of(holder, group).withExtraSpns(List.of(spn)));

		List<PreflightCheck> checks = this.preflight.check(this.admin,
				GmsaRequest.of(name, group).withExtraSpns(List.of(spn)));

		assertThat(named(checks, "no name collision")).satisfies(c -> {
			assertThat(c.verdict()).isEqualTo(Verdict.FAIL);
			assertThat(c.explanation()).contains("The account " + name + " (");
			assertThat(c.fix()).isNotBlank();
		});
		assertThat(named(checks, "SPNs not registered elsewhere")).satisfies(c -> {
			assertThat(c.verdict()).isEqualTo(Verdict.FAIL);
			assertThat(c.explanation()).contains("SPN " + spn + " is already registered on CN=" + holder);
		});
	}

	@Test
	void aHostAliasOnAComputerWarnsForItsMappedClassAndFailsForHost() {
		String computer = LabDirectory.unique("PW").toUpperCase(Locale.ROOT);
		String host = computer.toLowerCase(Locale.ROOT) + ".lab.test";
		this.lab.samba("samba-tool", "computer", "add", computer);
		this.lab.samba("samba-tool", "spn", "add", "HOST/" + host, computer + "$");
		this.lab.samba("samba-tool", "spn", "add", "CIFS/cifs-" + host, computer + "$");
		String holder = "CN=" + computer + ",CN=Computers,DC=lab,DC=test";
		String group = group();

		PreflightCheck http = named(this.preflight.check(this.admin,
				GmsaRequest.of(LabDirectory.unique("pw"), group).withExtraSpns(List.of("HTTP/" + host))),
				"SPNs not registered elsewhere");
		assertThat(http.verdict()).isEqualTo(Verdict.WARN);
		assertThat(http.explanation()).contains(holder + " holds HOST/" + host)
			.contains("get a ticket for the gMSA instead of " + holder);

		PreflightCheck hostSpn = named(this.preflight.check(this.admin,
				GmsaRequest.of(LabDirectory.unique("pw"), group).withExtraSpns(List.of("HOST/cifs-" + host))),
				"SPNs not registered elsewhere");
		assertThat(hostSpn.verdict()).isEqualTo(Verdict.FAIL);
		assertThat(hostSpn.explanation()).contains(holder + " holds CIFS/cifs-" + host);
	}

	@Test
	void identityWithoutRightsGetsUnknownKeyStatusAndAnUnwritableContainer() {
		DirectoryConnection outsider = this.lab.as(this.lab.setting("GMSA_LAB_OUTSIDER"),
				this.lab.setting("GMSA_LAB_OUTSIDER_PASSWORD"));
		List<PreflightCheck> checks = this.preflight.check(outsider, GmsaRequest.of(LabDirectory.unique("pr"), group()));
		assertThat(named(checks, "KDS root key usable").verdict()).isEqualTo(Verdict.UNKNOWN);
		assertThat(named(checks, "target container writable")).satisfies(c -> {
			assertThat(c.verdict()).isEqualTo(Verdict.FAIL);
			assertThat(c.explanation()).contains("lacks the Create Child right");
		});
	}

	@Test
	void missingContainerFails() {
		List<PreflightCheck> checks = this.preflight.check(this.admin,
				GmsaRequest.of(LabDirectory.unique("pm"), group()).withContainer("OU=Nowhere,DC=lab,DC=test"));
		assertThat(named(checks, "target container writable").verdict()).isEqualTo(Verdict.FAIL);
	}

	@Test
	void clockSkewOfSixMinutesFails() {
		Instant dc = Instant.parse("2026-01-01T00:00:00Z");
		assertThat(Preflight.clock(dc, dc.plusSeconds(360)).verdict()).isEqualTo(Verdict.FAIL);
		assertThat(Preflight.clock(dc, dc.minusSeconds(240)).verdict()).isEqualTo(Verdict.PASS);
	}

	@Test
	void inspectionResolvesTheAllowedGroupAndReportsTheAccountFlags() {
		String group = group();
		String name = LabDirectory.unique("pi");
		this.identities.ensureGmsa(this.admin, GmsaRequest.of(name, group));
		GmsaDetails details = new DirectoryInspection().inspectGmsa(this.admin, name);
		assertThat(details.allowedPrincipals()).singleElement().satisfies(p -> {
			assertThat(p.name()).isEqualTo(group);
			assertThat(p.sid()).isEqualTo(this.lab.ldb("DC=lab,DC=test", "(sAMAccountName=" + group + ")", "objectSid"));
		});
		assertThat(details.workstationTrustAccount()).isTrue();
		assertThat(details.passwordLastSet()).isNotNull();
		assertThat(details.createdByPortal()).isTrue();
		assertThat(details.servicePrincipalNames()).containsExactlyInAnyOrder("host/" + name,
				"host/" + name.toLowerCase() + ".lab.test");
		assertThat(details.encryptionTypes()).containsExactlyInAnyOrder(EncryptionType.AES128, EncryptionType.AES256);
	}

}
