package org.gmsaportal.provisioning;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.GroupScope;
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

/**
 * The allowed-hosts group against the Samba lab DC: an existing security group of any scope, named with spaces
 * as AD admins name them, is reused end to end; a group the run creates gets the scope chosen; a person never
 * reads a raw groupType.
 */
@SpringBootTest
class GroupScopeIntegrationTests {

	@Autowired
	ProvisioningService service;

	@BeforeAll
	static void requireLabDc() {
		LabServices.dc("GMSA_LAB_LDAPS_URL");
	}

	@DynamicPropertySource
	static void labDirectory(DynamicPropertyRegistry registry) {
		LabServices.registerLabDirectoryWithServiceAccount(registry);
	}

	@Test
	void anExistingDomainLocalGroupNamedWithASpaceIsReusedAndTheGmsaAllowsIt() throws Exception {
		String name = Requests.freshName();
		String group = "WebApp Hosts " + name.substring(1, 7);
		LabTools.sambaTool("group", "add", group, "--group-scope=Domain", "--group-type=Security");
		String computer = "H" + name.substring(1, 9).toUpperCase(Locale.ROOT);
		LabTools.sambaTool("computer", "add", computer);

		ProvisioningRequest request = request(name, group, List.of(computer + "$"), GroupScope.GLOBAL);
		Plan plan = this.service.plan(request);
		assertThat(plan.runnable()).as("%s", plan.blockers()).isTrue();
		assertThat(plan.steps()).filteredOn(s -> s.kind() == StepKind.ENSURE_GROUP).singleElement().satisfies(s -> {
			assertThat(s.intent()).isEqualTo(StepIntent.ALREADY_AS_REQUESTED);
			assertThat(s.description()).contains("existing domain-local security group", "applies only to a group "
					+ "the portal creates").doesNotContain("groupType", "-2147483644");
		});
		RunView run = run(plan);
		assertThat(run.steps()).filteredOn(s -> s.kind() == StepKind.ENSURE_MEMBERSHIP).singleElement()
			.satisfies(s -> assertThat(s.detail()).contains("CN=" + group));
		// msDS-GroupMSAMembership names the reused group's SID.
		String groupSid = LabTools.attribute(group, "objectSid");
		assertThat(LabTools.attribute(name + "$", "msDS-GroupMSAMembership")).contains(";;;" + groupSid + ")");
		assertThat(LabTools.attribute(group, "member")).contains("CN=" + computer + ",");
	}

	@Test
	void anExistingGlobalGroupIsAcceptedAndItsScopeIsShownInWords() {
		String name = Requests.freshName();
		String group = "Global Hosts " + name.substring(1, 7);
		LabTools.sambaTool("group", "add", group, "--group-scope=Global", "--group-type=Security");

		Plan plan = this.service.plan(request(name, group, List.of(), null));
		assertThat(plan.runnable()).as("%s", plan.blockers()).isTrue();
		assertThat(plan.steps()).filteredOn(s -> s.kind() == StepKind.ENSURE_GROUP).singleElement()
			.satisfies(s -> assertThat(s.description()).contains("existing global security group")
				.doesNotContain("-2147483646"));
	}

	@Test
	void aDistributionGroupIsRefusedOnTheGroupFieldInWords() {
		String name = Requests.freshName();
		String group = "Mail List " + name.substring(1, 7);
		LabTools.sambaTool("group", "add", group, "--group-scope=Global", "--group-type=Distribution");

		Plan plan = this.service.plan(request(name, group, List.of(), null));
		assertThat(plan.blockers()).singleElement().satisfies(b -> {
			assertThat(b.field()).isEqualTo("groupName");
			assertThat(b.message()).contains("global distribution group", "only a security group")
				.doesNotContain("groupType is");
		});
	}

	@Test
	void aGroupTheRunCreatesGetsTheScopeChosen() throws Exception {
		String name = Requests.freshName();
		ProvisioningRequest request = request(name, name + " hosts", List.of(), GroupScope.GLOBAL);
		Plan plan = this.service.plan(request);
		assertThat(plan.steps()).filteredOn(s -> s.kind() == StepKind.ENSURE_GROUP).singleElement()
			.satisfies(s -> assertThat(s.description()).contains("a global security group"));
		run(plan);
		assertThat(LabTools.attribute(name + " hosts", "groupType")).isEqualTo("-2147483646");
	}

	private RunView run(Plan plan) throws Exception {
		String runId = this.service.start(plan, new Approval(plan.hash(), "admin", Instant.now(), null));
		RunView run = Waiting.forRun(this.service, runId);
		assertThat(run.state()).as("%s", run.failure()).isEqualTo(RunState.SUCCEEDED);
		return run;
	}

	private static ProvisioningRequest request(String name, String group, List<String> computers, GroupScope scope) {
		return new ProvisioningRequest("lab", name, name + ".lab.test", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, group,
				new Hosts.DomainJoined(computers), new Target.ExportOnly("apps", "webapp", name + "-spec"), null,
				scope, null);
	}

}
