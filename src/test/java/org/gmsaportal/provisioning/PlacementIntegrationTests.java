package org.gmsaportal.provisioning;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.directory.LabOus;
import org.gmsaportal.support.LabServices;
import org.gmsaportal.support.Waiting;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Where runs put their objects, and what those objects say about where they came from, against the Samba lab DC:
 * the connection's default OUs ({@code gmsa.directory.connections.lab.ou.*}), a request's own OUs, an OU that is
 * not there, the description naming run and ticket, and decommission finding the objects in their OUs. The OUs
 * are created over LDAP by the test.
 */
@SpringBootTest
class PlacementIntegrationTests {

	// One tree per test class run, so that runs against a DC that is reused never meet.
	private static final String TREE = "OU=Placement" + UUID.randomUUID().toString().substring(0, 8);

	@Autowired
	ProvisioningService service;

	@BeforeAll
	static void createOus() {
		LabServices.dc("GMSA_LAB_LDAPS_URL");
		LabOus.create(tree());
		for (String ou : List.of("Groups", "ServiceAccounts", "Users", "Override")) {
			LabOus.create("OU=" + ou + "," + tree());
		}
	}

	@DynamicPropertySource
	static void labDirectoryWithDefaultOus(DynamicPropertyRegistry registry) {
		LabServices.registerLabDirectoryWithServiceAccount(registry);
		registry.add("gmsa.directory.connections.lab.ou.group", () -> "OU=Groups," + tree());
		registry.add("gmsa.directory.connections.lab.ou.gmsa", () -> "OU=ServiceAccounts," + tree());
		registry.add("gmsa.directory.connections.lab.ou.user", () -> "OU=Users," + tree());
	}

	private static String tree() {
		return TREE + "," + LabServices.valueOrEmpty("GMSA_LAB_BASE_DN");
	}

	@Test
	void objectsLandInTheConnectionsDefaultOusDescribedByRunAndTicketAndDecommissionFindsThem() {
		String name = Requests.freshName();
		String group = "CN=" + name + "-hosts,OU=Groups," + tree();
		String gmsa = "CN=" + name + ",OU=ServiceAccounts," + tree();
		String user = "CN=" + name + "-ccg,OU=Users," + tree();
		ProvisioningRequest request = portable(name, "RITM0077", null);

		Plan plan = this.service.plan(request);
		assertThat(plan.runnable()).isTrue();
		assertThat(plan.steps()).extracting(PlannedStep::description)
			.anyMatch(d -> d.contains("Create group " + group) && d.contains("for ticket RITM0077"))
			.anyMatch(d -> d.contains("Create gMSA " + gmsa))
			.anyMatch(d -> d.contains("Create user " + user));
		// The approved plan names each OU, so a later change of the defaults cannot move what was approved.
		assertThat(plan.request().placement()).isEqualTo(
				new Placement("OU=Groups," + tree(), "OU=ServiceAccounts," + tree(), "OU=Users," + tree()));

		String runId = succeeded(plan);
		for (String dn : List.of(group, gmsa, user)) {
			assertThat(LabOus.attribute(dn, "description")).as(dn)
				.isEqualTo("Created by gMSA Portal run " + runId + " for ticket RITM0077");
			assertThat(LabOus.attribute(dn, "adminDescription")).as(dn).isEqualTo("Created by gMSA Portal");
		}

		decommission(runId);
		assertThat(List.of(group, gmsa, user)).noneMatch(LabOus::exists);
	}

	@Test
	void aRequestsOwnOusOverrideTheConnectionsDefaults() {
		String name = Requests.freshName();
		String override = "OU=Override," + tree();
		ProvisioningRequest request = portable(name, null, new Placement(override, override, override));

		String runId = succeeded(this.service.plan(request));
		List<String> created = List.of("CN=" + name + "-hosts," + override, "CN=" + name + "," + override,
				"CN=" + name + "-ccg," + override);
		assertThat(created).allMatch(LabOus::exists);
		assertThat(LabOus.attribute(created.get(1), "description"))
			.isEqualTo("Created by gMSA Portal run " + runId + " (no ticket)");
		assertThat(LabOus.exists("CN=" + name + ",OU=ServiceAccounts," + tree())).isFalse();

		decommission(runId);
		assertThat(created).noneMatch(LabOus::exists);
	}

	@Test
	void anOuThatIsNotThereOrIsNoOuIsRefusedOnItsFieldNamingTheDn() {
		String name = Requests.freshName();
		String missing = "OU=NoSuchOu," + tree();
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.service.plan(portable(name, null, new Placement(null, missing, null))))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("placement.gmsaOu"))
			.satisfies(ex -> assertThat(ex.rule()).contains(missing, "does not exist"));

		String administrator = "CN=Administrator,CN=Users," + LabServices.valueOrEmpty("GMSA_LAB_BASE_DN");
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.service.plan(portable(name, null, new Placement(administrator, null, null))))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("placement.groupOu"))
			.satisfies(ex -> assertThat(ex.rule()).contains(administrator, "not an OU or container"));

		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.service.plan(portable(name, null, new Placement(null, null, "OU=Apps,DC=other,DC=test"))))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("placement.userOu"))
			.satisfies(ex -> assertThat(ex.rule()).contains("OU=Apps,DC=other,DC=test", "inside"));
		// Nothing was created for the refused requests.
		assertThat(LabOus.exists("CN=" + name + "-hosts,OU=Groups," + tree())).isFalse();
	}

	private static ProvisioningRequest portable(String name, @Nullable String ticket, @Nullable Placement placement) {
		return new ProvisioningRequest("lab", name, name + ".lab.test", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, name + "-hosts",
				new Hosts.Portable(name + "-ccg", KnownPlugin.KUBERNETES_SECRET.clsid(), "apps:" + name + "-ccg"),
				new Target.ExportOnly("apps", "webapp", name.toLowerCase() + "-spec"), ticket, null, placement);
	}

	private String succeeded(Plan plan) {
		String runId = this.service.start(plan, new Approval(plan.hash(), "admin", Instant.now(), null));
		RunView run = Waiting.forRun(this.service, runId);
		assertThat(run.state()).as("%s", run.failure()).isEqualTo(RunState.SUCCEEDED);
		return runId;
	}

	private void decommission(String runId) {
		Plan removal = this.service.decommissionPlan(runId);
		String decommission = this.service.decommission(runId,
				new Approval(removal.hash(), "admin", Instant.now(), null));
		RunView run = Waiting.forRun(this.service, decommission);
		assertThat(run.state()).as("%s", run.steps()).isEqualTo(RunState.SUCCEEDED);
	}

}
