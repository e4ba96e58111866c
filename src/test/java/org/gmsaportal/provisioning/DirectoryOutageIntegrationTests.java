package org.gmsaportal.provisioning;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.directory.AccountMaintenance;
import org.gmsaportal.directory.CreatedObject;
import org.gmsaportal.directory.DirectoryConnection;
import org.gmsaportal.directory.DirectoryConnections;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.support.LabServices;
import org.gmsaportal.support.Waiting;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lab DC stops answering right after the group step (its process is frozen with SIGSTOP, which is
 * what a hung or unreachable DC looks like to a client, by {@link FreezeDcAtGmsaStep} as the gMSA step
 * starts): the run fails at a later step with a clear reason, and once the DC answers again, resuming
 * completes it without creating anything twice.
 */
@SpringBootTest
@Import(DirectoryOutageIntegrationTests.Outage.class)
class DirectoryOutageIntegrationTests {

	@Autowired
	ProvisioningService service;

	@Autowired
	DirectoryConnections connections;

	@Autowired
	AccountMaintenance accounts;

	@Autowired
	FreezeDcAtGmsaStep outage;

	@BeforeAll
	static void requireLabDc() {
		LabServices.dc("GMSA_LAB_LDAPS_URL");
	}

	@DynamicPropertySource
	static void labDirectory(DynamicPropertyRegistry registry) {
		LabServices.registerLabDirectoryWithServiceAccount(registry);
		// Short, so the frozen DC is noticed in seconds.
		registry.add("gmsa.directory.connections.lab.connect-timeout", () -> "2s");
		registry.add("gmsa.directory.connections.lab.read-timeout", () -> "3s");
	}

	@Test
	void aDcOutageAfterTheGroupStepFailsTheRunAndResumingCompletesItWithoutDuplicates() throws Exception {
		String name = "o" + UUID.randomUUID().toString().replace("-", "").substring(0, 9);
		ProvisioningRequest request = new ProvisioningRequest("lab", name, name + ".lab.test", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, name + "-hosts",
				new Hosts.Portable(name + "-ccg", KnownPlugin.KUBERNETES_SECRET.clsid(), "apps:" + name + "-ccg"),
				new Target.ExportOnly("apps", "webapp", name + "-spec"), null);
		Plan plan = this.service.plan(request);

		String runId = this.service.start(plan, new Approval(plan.hash(), "admin", Instant.now(), null));
		RunView failed;
		try {
			assertThat(this.outage.frozen.await(120, TimeUnit.SECONDS)).as("the gMSA step reached the DC").isTrue();
			failed = Waiting.forRun(this.service, runId);
		}
		finally {
			this.outage.thaw();
		}
		assertThat(failed.state()).isEqualTo(RunState.FAILED);
		RunView.StepView failedStep = failed.steps().stream().filter(s -> s.state() == StepState.FAILED).findFirst()
			.orElseThrow();
		assertThat(failedStep.index()).isGreaterThan(stepIndex(failed, StepKind.ENSURE_GROUP));
		// e.g. "step 2 (ENSURE_GMSA) failed: Cannot reach a domain controller of lab.test at [ldaps://...]: Read timed out"
		assertThat(failed.failure()).contains("Cannot reach a domain controller of lab.test").doesNotContain("Exception")
			.doesNotContain("\tat ");

		DirectoryConnection lab = this.connections.find("lab").orElseThrow();
		CreatedObject group = this.accounts.find(lab, "group", name + "-hosts").orElseThrow();
		this.service.resume(runId);
		RunView resumed = Waiting.forRun(this.service, runId);
		assertThat(resumed.state()).as("%s", resumed.failure()).isEqualTo(RunState.SUCCEEDED);
		// Same group object (same objectGUID): resuming redid nothing that had succeeded.
		assertThat(this.accounts.find(lab, "group", name + "-hosts")).contains(group);
		assertThat(resumed.steps()).filteredOn(s -> s.kind() == StepKind.ENSURE_GROUP).singleElement()
			.satisfies(s -> assertThat(s.attempts()).isEqualTo(1));
		assertThat(this.accounts.find(lab, "gMSA", name)).isPresent();
	}

	private static int stepIndex(RunView run, StepKind kind) {
		return run.steps().stream().filter(s -> s.kind() == kind).findFirst().orElseThrow().index();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Outage {

		@Bean
		static FreezeDcAtGmsaStep freezeDcAtGmsaStep() {
			return new FreezeDcAtGmsaStep();
		}

	}

}
