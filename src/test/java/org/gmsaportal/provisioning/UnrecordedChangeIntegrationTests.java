package org.gmsaportal.provisioning;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.gmsaportal.directory.AccountMaintenance;
import org.gmsaportal.directory.DirectoryConnection;
import org.gmsaportal.directory.DirectoryConnections;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.support.LabServices;
import org.gmsaportal.support.Waiting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against the Samba lab DC: the group is created, then the audit record of its creation cannot be written (the
 * failure injected as {@link AuditOutageTests} does). The run says what is true: the change was made, its record
 * failed, and resuming records it; the group is in the directory, and the resumed run records it and succeeds.
 */
@SpringBootTest
@Import(AuditOutageTests.SwitchableAudit.class)
class UnrecordedChangeIntegrationTests {

	@Autowired
	ProvisioningService service;

	@Autowired
	AuditOutageTests.SwitchableAuditTrail audit;

	@Autowired
	DirectoryConnections connections;

	@Autowired
	AccountMaintenance accounts;

	@Autowired
	JdbcClient jdbc;

	@BeforeAll
	static void requireLabDc() {
		LabServices.dc("GMSA_LAB_LDAPS_URL");
	}

	@DynamicPropertySource
	static void labDirectory(DynamicPropertyRegistry registry) {
		LabServices.registerLabDirectoryWithServiceAccount(registry);
	}

	@AfterEach
	void trailWorksAgain() {
		this.audit.failWhen.set((event) -> false);
	}

	@Test
	void aGroupWhoseRecordFailsIsReportedAsCreatedAndTheResumedRunRecordsIt() {
		String name = Requests.freshName();
		String group = name + "-hosts";
		// Only the record after the write: the intent before it is written, so the DC is asked.
		this.audit.failWhen.set((event) -> event.action().equals("directory.group.ensure"));
		ProvisioningRequest request = new ProvisioningRequest("lab", name, name + ".lab.test", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, group,
				new Hosts.DomainJoined(List.of()), new Target.ExportOnly("apps", "webapp", name + "-spec"), null);
		Plan plan = this.service.plan(request);
		String runId = this.service.start(plan, new Approval(plan.hash(), "admin", Instant.now(), null));

		RunView stopped = Waiting.forRun(this.service, runId);
		assertThat(stopped.state()).isIn(RunState.FAILED, RunState.INTERRUPTED);
		RunView.StepView step = stopped.steps().stream().filter(s -> s.kind() == StepKind.ENSURE_GROUP)
			.findFirst().orElseThrow();
		assertThat(step.detail()).contains("'directory.group.ensure' was carried out (Created group CN=" + group)
			.contains("its audit record could not be written")
			.contains("the resumed run finds the change and records it")
			.doesNotContain("was not carried out");
		assertThat(stopped.failure()).doesNotContain("was not carried out");
		DirectoryConnection lab = this.connections.find("lab").orElseThrow();
		assertThat(this.accounts.find(lab, "group", group)).as("the group the message says was created").isPresent();
		assertThat(recorded(runId)).isZero();

		this.audit.failWhen.set((event) -> false);
		this.service.resume(runId);
		RunView done = Waiting.forRun(this.service, runId);
		assertThat(done.state()).as("%s", done.failure()).isEqualTo(RunState.SUCCEEDED);
		assertThat(recorded(runId)).as("the resumed run recorded the group").isEqualTo(1);
	}

	private long recorded(String runId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE correlation_id = ? AND action = ?")
			.params(runId, "directory.group.ensure")
			.query(Long.class)
			.single();
	}

}
