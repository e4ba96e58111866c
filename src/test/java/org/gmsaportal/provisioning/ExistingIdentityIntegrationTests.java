package org.gmsaportal.provisioning;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.support.LabServices;
import org.gmsaportal.support.Waiting;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A new request for a name that already exists, against the Samba lab DC: refused early (at planning, which the
 * wizard's identity step and the API's filing ask), naming the run and ticket that own a portal-made gMSA, or the
 * kind and DN of another object under the name; an existing portable user's password is never reset.
 */
@SpringBootTest
class ExistingIdentityIntegrationTests {

	@Autowired
	ProvisioningService service;

	@Autowired
	LiveChecks live;

	@Autowired
	RunOverview overview;

	@BeforeAll
	static void requireLabDc() {
		LabServices.dc("GMSA_LAB_LDAPS_URL");
	}

	@DynamicPropertySource
	static void labDirectory(DynamicPropertyRegistry registry) {
		LabServices.registerLabDirectoryWithServiceAccount(registry);
	}

	@Test
	void aSecondRequestForAPortalMadeGmsaIsRefusedNamingTheFirstRunAndItsTicket() throws Exception {
		String name = Requests.freshName();
		String first = run(domainJoined(name, name + "-hosts", "RITM0100"));

		ProvisioningRequest again = domainJoined(name, name + "-hosts", "RITM0200");
		Plan plan = this.service.plan(again);
		assertThat(plan.runnable()).isFalse();
		assertThat(plan.blockers()).singleElement().satisfies(b -> {
			assertThat(b.field()).isEqualTo("gmsaName");
			assertThat(b.runId()).isEqualTo(first);
			assertThat(b.ticket()).isEqualTo("RITM0100");
			assertThat(b.message()).contains("portal run " + first, "SUCCEEDED", "ticket RITM0100", "/runs/" + first);
		});
		assertThat(this.live.identityBlockers(again)).extracting(Blocker::runId).containsExactly(first);
		assertThatThrownBy(() -> this.service.start(again, new Approval(plan.hash(), "admin", Instant.now(), null),
				null))
			.isInstanceOf(ProvisioningRefusedException.class)
			.hasMessageContaining("portal run " + first);
		// The inventory still credits the gMSA to the run that made it, with its ticket.
		assertThat(this.overview.inventory()).filteredOn(e -> e.gmsaName().equals(name)).singleElement()
			.satisfies(e -> {
				assertThat(e.runId()).isEqualTo(first);
				assertThat(e.ticketRef()).isEqualTo("RITM0100");
			});
	}

	@Test
	void aGmsaNameHeldByAComputerAccountIsRefusedAsAComputerOnTheIdentityCheck() {
		String computer = "W" + Requests.freshName().substring(1, 9).toUpperCase(Locale.ROOT);
		LabTools.sambaTool("computer", "add", computer);

		ProvisioningRequest request = domainJoined(computer, computer + "-hosts", null);
		assertThat(this.live.identityBlockers(request)).singleElement().satisfies(b -> {
			assertThat(b.field()).isEqualTo("gmsaName");
			assertThat(b.message()).contains("belongs to a computer account", "CN=" + computer + ",CN=Computers,DC=lab,"
					+ "DC=test", "Choose another gMSA name").doesNotContain("allowed principal");
		});
		assertThat(this.service.plan(request).steps()).filteredOn(s -> s.kind() == StepKind.ENSURE_GMSA)
			.singleElement().satisfies(s -> {
				assertThat(s.intent()).isEqualTo(StepIntent.BLOCKED);
				assertThat(s.description()).contains("computer account").doesNotContain("allowed principal");
			});
	}

	@Test
	void anExistingPortableUserIsRefusedAndItsPasswordIsNotReset() throws Exception {
		String name = Requests.freshName();
		String user = name + "-ccg";
		run(portable(name, user));
		String pwdLastSet = LabTools.attribute(user, "pwdLastSet");

		// Another gMSA for the same nodes, naming the same portable user.
		String other = Requests.freshName();
		ProvisioningRequest reuse = portable(other, user);
		Plan plan = this.service.plan(reuse);
		assertThat(plan.blockers()).singleElement().satisfies(b -> {
			assertThat(b.field()).isEqualTo("hosts.userName");
			assertThat(b.message()).contains("already exists", "CN=" + user + ",CN=Users", "never resets");
		});
		assertThat(plan.steps()).extracting(PlannedStep::intent).doesNotContain(StepIntent.CHANGE);
		assertThatThrownBy(() -> this.service.start(reuse, new Approval(plan.hash(), "admin", Instant.now(), null),
				null))
			.isInstanceOf(ProvisioningRefusedException.class);
		assertThat(LabTools.attribute(user, "pwdLastSet")).isEqualTo(pwdLastSet);
	}

	private String run(ProvisioningRequest request) throws Exception {
		Plan plan = this.service.plan(request);
		assertThat(plan.runnable()).as("%s", plan.blockers()).isTrue();
		String runId = this.service.start(plan, new Approval(plan.hash(), "admin", Instant.now(), null));
		RunView run = Waiting.forRun(this.service, runId);
		assertThat(run.state()).as("%s", run.failure()).isEqualTo(RunState.SUCCEEDED);
		return runId;
	}

	static ProvisioningRequest domainJoined(String name, String group, String ticket) {
		return new ProvisioningRequest("lab", name, name.toLowerCase(Locale.ROOT) + ".lab.test", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, group,
				new Hosts.DomainJoined(List.of()), new Target.ExportOnly("apps", "webapp",
						name.toLowerCase(Locale.ROOT) + "-spec"), ticket);
	}

	private static ProvisioningRequest portable(String name, String user) {
		return new ProvisioningRequest("lab", name, name + ".lab.test", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, name + "-hosts",
				new Hosts.Portable(user, KnownPlugin.KUBERNETES_SECRET.clsid(), "apps:" + user),
				new Target.ExportOnly("apps", "webapp", name.toLowerCase(Locale.ROOT) + "-spec"), "CHG0100");
	}

}
