package org.gmsaportal.provisioning;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.directory.AccountMaintenance;
import org.gmsaportal.directory.Directory;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole runs of the engine against the Samba lab DC through the real directory adapter (export-only, so
 * no cluster is needed): what is planned, what LDAP holds afterwards, the proof, the audit trail, and
 * decommission.
 */
@SpringBootTest
class LabDirectoryRunIntegrationTests {

	@Autowired
	ProvisioningService service;

	@Autowired
	DirectoryConnections connections;

	@Autowired
	AccountMaintenance accounts;

	@Autowired
	Directory directory;

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

	@Test
	void aPortableRunCreatesTheIdentityProvesRetrievalAndDecommissionsIt() throws Exception {
		String name = Requests.freshName();
		ProvisioningRequest request = new ProvisioningRequest("lab", name, name + ".lab.test",
				List.of("HTTP/" + name + ".lab.test"), Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96),
				KdsRootKeyChoice.USE_EXISTING, name + "-hosts",
				new Hosts.Portable(name + "-ccg", KnownPlugin.KUBERNETES_SECRET.clsid(), "apps:" + name + "-ccg"),
				new Target.ExportOnly("apps", "webapp", name.toLowerCase() + "-spec"), "RITM0099");

		Plan plan = this.service.plan(request);
		assertThat(plan.runnable()).isTrue();
		assertThat(plan.steps()).extracting(PlannedStep::description).anyMatch(d -> d.contains("Create group CN=" + name))
			.anyMatch(d -> d.contains("Create gMSA CN=" + name));

		String runId = this.service.start(plan, new Approval(plan.hash(), "admin", Instant.now(), null));
		RunView run = Waiting.forRun(this.service, runId);
		assertThat(run.state()).as("%s", run.failure()).isEqualTo(RunState.SUCCEEDED);
		assertThat(this.service.takePortablePassword(runId)).isPresent();
		assertThat(run.steps()).filteredOn(s -> s.kind() == StepKind.PROVE_RETRIEVAL).singleElement()
			.satisfies(s -> assertThat(s.detail()).contains(name + "-ccg"));

		DirectoryConnection lab = this.connections.find("lab").orElseThrow();
		assertThat(this.accounts.find(lab, "group", name + "-hosts")).isPresent();
		assertThat(this.accounts.find(lab, "gMSA", name)).isPresent();
		assertThat(this.accounts.find(lab, "user", name + "-ccg")).isPresent();
		// The directory module's own events carry the run id as correlation id.
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE correlation_id = ? AND action LIKE 'directory.%'")
			.param(runId).query(Long.class).single()).isGreaterThanOrEqualTo(4);

		// The same request again is refused: this run owns the name (and the portable user exists).
		assertThat(this.service.plan(request).blockers()).extracting(Blocker::field)
			.containsExactly("gmsaName", "hosts.userName");

		Plan removal = this.service.decommissionPlan(runId);
		String decommission = this.service.decommission(runId, new Approval(removal.hash(), "admin", Instant.now(), null));
		assertThat(Waiting.forRun(this.service, decommission).state()).isEqualTo(RunState.SUCCEEDED);
		assertThat(this.service.run(runId).orElseThrow().state()).isEqualTo(RunState.DECOMMISSIONED);
		assertThat(this.accounts.find(lab, "gMSA", name)).isEmpty();
		assertThat(this.accounts.find(lab, "user", name + "-ccg")).isEmpty();
		assertThat(this.accounts.find(lab, "group", name + "-hosts")).isEmpty();
	}

	@Test
	void aDomainJoinedRunPutsTheLabComputerAccountInTheGroup() throws Exception {
		String name = Requests.freshName();
		String computer = "N" + name.substring(1, 9).toUpperCase();
		java.nio.file.Path labDir = java.nio.file.Path.of(LabServices.dc("GMSA_LAB_CA_FILE")).getParent().getParent();
		Process add = new ProcessBuilder("samba-tool", "computer", "add", computer, "-s",
				labDir.resolve("etc/smb.conf").toString()).redirectErrorStream(true).start();
		assertThat(add.waitFor()).as(new String(add.getInputStream().readAllBytes())).isZero();
		ProvisioningRequest request = new ProvisioningRequest("lab", name, name + ".lab.test", List.of(),
				Set.of(EncryptionType.AES128_CTS_HMAC_SHA1_96, EncryptionType.AES256_CTS_HMAC_SHA1_96),
				KdsRootKeyChoice.USE_EXISTING, name + "-hosts", new Hosts.DomainJoined(List.of(computer + "$")),
				new Target.ExportOnly("apps", "webapp", name.toLowerCase() + "-spec"), null);

		Plan plan = this.service.plan(request);
		String runId = this.service.start(plan, new Approval(plan.hash(), "admin", Instant.now(), null));
		RunView run = Waiting.forRun(this.service, runId);
		assertThat(run.state()).as("%s", run.failure()).isEqualTo(RunState.SUCCEEDED);
		assertThat(run.steps()).filteredOn(s -> s.kind() == StepKind.ENSURE_MEMBERSHIP).singleElement()
			.satisfies(s -> assertThat(s.detail()).contains("CN=" + computer));
		assertThat(run.steps()).filteredOn(s -> s.kind() == StepKind.GENERATE_CREDSPEC).singleElement()
			.satisfies(s -> assertThat(s.artifact()).contains(name).contains("\"DnsName\": \"lab.test\""));
		DirectoryConnection lab = this.connections.find("lab").orElseThrow();
		assertThat(this.accounts.find(lab, "gMSA", name)).isPresent();
	}

	@Test
	void anotherGmsaNamedAsAComputerBlocksThePlanAndADisabledComputerIsAWarning() throws Exception {
		String name = Requests.freshName();
		String other = "O" + name.substring(1, 9).toUpperCase();
		this.directory.ensureGroup("lab", other + "-g", Directory.Mode.APPLY, null);
		this.directory.ensureGmsa("lab", new Directory.GmsaSpec(other, other.toLowerCase() + ".lab.test", List.of(),
				Set.of(EncryptionType.AES128_CTS_HMAC_SHA1_96, EncryptionType.AES256_CTS_HMAC_SHA1_96), other + "-g"),
				Directory.Mode.APPLY, null);
		String computer = "D" + name.substring(1, 9).toUpperCase();
		java.nio.file.Path labDir = java.nio.file.Path.of(LabServices.dc("GMSA_LAB_CA_FILE")).getParent().getParent();
		Process add = new ProcessBuilder("samba-tool", "computer", "add", computer, "-s",
				labDir.resolve("etc/smb.conf").toString()).redirectErrorStream(true).start();
		assertThat(add.waitFor()).as(new String(add.getInputStream().readAllBytes())).isZero();
		ProvisioningRequest request = new ProvisioningRequest("lab", name, name + ".lab.test", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, name + "-hosts",
				new Hosts.DomainJoined(List.of(computer + "$", other + "$")),
				new Target.ExportOnly("apps", "webapp", name.toLowerCase() + "-spec"), null);

		Plan plan = this.service.plan(request);
		assertThat(plan.runnable()).isFalse();
		assertThat(plan.steps()).filteredOn(s -> s.kind() == StepKind.ENSURE_MEMBERSHIP).singleElement()
			.satisfies(s -> {
				assertThat(s.intent()).isEqualTo(StepIntent.BLOCKED);
				assertThat(s.description()).contains(other + "$ is not a computer account (it is a gMSA)");
			});
		// samba-tool computer add leaves the account disabled: a warning in the plan, which stays runnable.
		Plan joined = this.service.plan(new ProvisioningRequest("lab", name, name + ".lab.test", List.of(),
				request.encryptionTypes(), request.kdsRootKey(), request.groupName(),
				new Hosts.DomainJoined(List.of(computer + "$")), request.target(), null));
		assertThat(joined.runnable()).isTrue();
		assertThat(joined.steps()).filteredOn(s -> s.kind() == StepKind.ENSURE_MEMBERSHIP).singleElement()
			.satisfies(s -> assertThat(s.description()).contains(computer + "$ is disabled"));
	}

	@Test
	void anUnknownDirectoryConnectionIsAnInvalidRequestNamingTheField() {
		ProvisioningRequest request = Requests.domainJoined(Requests.freshName());
		ProvisioningRequest elsewhere = new ProvisioningRequest("nope", request.gmsaName(), request.dnsHostName(),
				request.spns(), request.encryptionTypes(), request.kdsRootKey(), request.groupName(), request.hosts(),
				request.target(), null);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> this.service.plan(elsewhere))
			.isInstanceOfSatisfying(InvalidRequestException.class,
					ex -> assertThat(ex.field()).isEqualTo("directoryConnection"));
	}

}
