package org.gmsaportal.provisioning;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.directory.AccountMaintenance;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A decommission that the Samba lab DC blocks: someone added a member to the run's group outside the portal
 * ({@code samba-tool group addmembers}, straight into the DC's database). The run does not end SUCCEEDED, is
 * listed as needing attention, keeps the removed run SUCCEEDED and the group in place; once the member is gone, a
 * resume asks the DC again, deletes the group and finishes the job. An object changed by hand (the portal's marker
 * cleared, or renamed) is kept the same way until the admin dealt with it, and one deleted and made again under its
 * name is not the run's: the removal finds the run's object by the objectGUID its ensure recorded.
 */
@SpringBootTest
class BlockedDecommissionIntegrationTests {

	@Autowired
	ProvisioningService service;

	@Autowired
	RunOverview overview;

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

	@Test
	void aMemberAddedOutsideThePortalBlocksTheGroupsRemovalUntilItIsGoneAndTheRunResumed() {
		String name = Requests.freshName();
		String group = name + "-hosts";
		String outsider = LabServices.dc("GMSA_LAB_OUTSIDER");
		String provisioned = provision(name);
		DirectoryConnection lab = this.connections.find("lab").orElseThrow();
		samba("group", "addmembers", group, outsider);

		Plan removal = this.service.decommissionPlan(provisioned);
		String decommission = this.service.decommission(provisioned,
				new Approval(removal.hash(), "admin", Instant.now(), null));
		RunView blocked = Waiting.forRun(this.service, decommission);

		assertThat(blocked.state()).as("%s", blocked.failure()).isEqualTo(RunState.NEEDS_ATTENTION);
		assertThat(blocked.failure()).contains("REMOVE_GROUP").contains("CN=" + outsider + ",");
		assertThat(step(blocked, StepKind.REMOVE_GROUP)).satisfies((s) -> {
			assertThat(s.state()).isEqualTo(StepState.NEEDS_ATTENTION);
			assertThat(s.detail()).contains("Not deleted: CN=" + group + ",")
				.contains("still has members (CN=" + outsider + ",")
				.contains("remove them or delete the group yourself, then resume");
		});
		// What could be removed was removed; only the group waits.
		assertThat(step(blocked, StepKind.REMOVE_GMSA).state()).isEqualTo(StepState.SUCCEEDED);
		assertThat(step(blocked, StepKind.REMOVE_PORTABLE_USER).state()).isEqualTo(StepState.SUCCEEDED);
		assertThat(this.accounts.find(lab, "gMSA", name)).isEmpty();
		assertThat(this.accounts.find(lab, "group", group)).isPresent();
		assertThat(this.service.run(provisioned).orElseThrow().state()).isEqualTo(RunState.SUCCEEDED);
		// What the dashboards' "Runs needing attention" and the runs list's state filter show.
		assertThat(this.overview.needingAttention(500)).extracting(RunView::id).contains(decommission);
		assertThat(this.service.runs(new RunFilter(RunState.NEEDS_ATTENTION, name, null), 50)).extracting(RunView::id)
			.containsExactly(decommission);
		assertThat(actions(decommission)).doesNotContain("provisioning.run.succeeded");
		assertThat(outcomeOf(decommission, "provisioning.step.remove-group"))
			.as("the step's last audit event").isEqualTo("FAILURE");
		// The blocked run holds the name: a second decommission is refused, naming it.
		assertThatThrownBy(() -> this.service.decommission(provisioned,
				new Approval(removal.hash(), "admin", Instant.now(), null)))
			.isInstanceOf(NameInUseException.class)
			.hasMessageContaining(decommission);

		// Resuming while the member is still there asks the DC again and stays blocked.
		this.service.resume(decommission);
		assertThat(Waiting.forRun(this.service, decommission).state()).isEqualTo(RunState.NEEDS_ATTENTION);
		assertThat(this.accounts.find(lab, "group", group)).isPresent();

		samba("group", "removemembers", group, outsider);
		this.service.resume(decommission);
		RunView resumed = Waiting.forRun(this.service, decommission);

		assertThat(resumed.state()).as("%s", resumed.failure()).isEqualTo(RunState.SUCCEEDED);
		assertThat(step(resumed, StepKind.REMOVE_GROUP)).satisfies((s) -> {
			assertThat(s.state()).isEqualTo(StepState.SUCCEEDED);
			assertThat(s.result()).isEqualTo("REMOVED");
			assertThat(s.attempts()).isEqualTo(3);
		});
		assertThat(this.accounts.find(lab, "group", group)).isEmpty();
		assertThat(this.service.run(provisioned).orElseThrow().state()).isEqualTo(RunState.DECOMMISSIONED);
		assertThat(this.overview.needingAttention(500)).extracting(RunView::id).doesNotContain(decommission);
		assertThat(actions(decommission)).contains("provisioning.run.resumed", "provisioning.run.succeeded");
		assertThat(outcomeOf(decommission, "provisioning.step.remove-group")).isEqualTo("SUCCESS");
	}

	@Test
	void anObjectChangedOutsideThePortalIsKeptAndTheRunWaitsUntilTheAdminDealtWithIt() throws Exception {
		String name = Requests.freshName();
		String user = name + "-ccg";
		String provisioned = provision(name);
		DirectoryConnection lab = this.connections.find("lab").orElseThrow();
		// Someone edits the portable user by hand and clears the portal's marker.
		Path ldif = Files.createTempFile("unmark", ".ldif");
		Files.writeString(ldif, "dn: CN=" + user + ",CN=Users,DC=lab,DC=test\nchangetype: modify\n"
				+ "delete: adminDescription\n");
		tool("ldbmodify", "-H", labDir().resolve("private/sam.ldb").toString(), ldif.toString());

		Plan removal = this.service.decommissionPlan(provisioned);
		String decommission = this.service.decommission(provisioned,
				new Approval(removal.hash(), "admin", Instant.now(), null));
		RunView blocked = Waiting.forRun(this.service, decommission);

		assertThat(blocked.state()).as("%s", blocked.failure()).isEqualTo(RunState.NEEDS_ATTENTION);
		assertThat(step(blocked, StepKind.REMOVE_PORTABLE_USER)).satisfies((s) -> {
			assertThat(s.state()).isEqualTo(StepState.NEEDS_ATTENTION);
			assertThat(s.detail()).contains("CN=" + user + ",CN=Users,DC=lab,DC=test was not created by the portal")
				.contains("delete it yourself if it should go, then resume");
		});
		// Nothing after the blocked step ran: the gMSA and its group are still there.
		assertThat(step(blocked, StepKind.REMOVE_GMSA).state()).isEqualTo(StepState.PENDING);
		assertThat(this.accounts.find(lab, "user", user)).isPresent();
		assertThat(this.accounts.find(lab, "gMSA", name)).isPresent();
		assertThat(this.service.run(provisioned).orElseThrow().state()).isEqualTo(RunState.SUCCEEDED);

		// The admin decides the user goes, deletes it in the DC, and resumes.
		samba("user", "delete", user);
		this.service.resume(decommission);
		RunView resumed = Waiting.forRun(this.service, decommission);

		assertThat(resumed.state()).as("%s", resumed.failure()).isEqualTo(RunState.SUCCEEDED);
		assertThat(step(resumed, StepKind.REMOVE_PORTABLE_USER).result()).isEqualTo("ALREADY_GONE");
		assertThat(this.accounts.find(lab, "gMSA", name)).isEmpty();
		assertThat(this.accounts.find(lab, "group", name + "-hosts")).isEmpty();
		assertThat(this.service.run(provisioned).orElseThrow().state()).isEqualTo(RunState.DECOMMISSIONED);
	}

	@Test
	void anObjectDeletedAndMadeAgainUnderItsNameOutsideTheRunIsNotTheRunsToDelete() throws Exception {
		String name = Requests.freshName();
		String user = name + "-ccg";
		String provisioned = provision(name);
		DirectoryConnection lab = this.connections.find("lab").orElseThrow();
		UUID created = this.accounts.find(lab, "user", user).orElseThrow().objectGuid();
		// Someone deletes the run's user and makes another under its name, even with the portal's marker.
		samba("user", "delete", user);
		samba("user", "add", user, "--random-password");
		Path ldif = Files.createTempFile("mark", ".ldif");
		Files.writeString(ldif, "dn: CN=" + user + ",CN=Users,DC=lab,DC=test\nchangetype: modify\n"
				+ "replace: adminDescription\nadminDescription: Created by gMSA Portal\n");
		tool("ldbmodify", "-H", labDir().resolve("private/sam.ldb").toString(), ldif.toString());
		UUID other = this.accounts.find(lab, "user", user).orElseThrow().objectGuid();

		RunView done = decommission(provisioned);

		assertThat(done.state()).as("%s", done.failure()).isEqualTo(RunState.SUCCEEDED);
		assertThat(step(done, StepKind.REMOVE_PORTABLE_USER)).satisfies((s) -> {
			assertThat(s.result()).isEqualTo("ALREADY_GONE");
			assertThat(s.detail()).contains("objectGUID " + created)
				.contains("CN=" + user + ",CN=Users,DC=lab,DC=test now holds the name (objectGUID " + other + ")")
				.contains("made outside this run: left alone");
		});
		assertThat(this.accounts.find(lab, "user", user)).as("the other user stays").isPresent();
		assertThat(this.accounts.find(lab, "gMSA", name)).isEmpty();
		samba("user", "delete", user);
	}

	@Test
	void anObjectRenamedSinceTheRunIsKeptForTheAdminEvenThoughItsAccountNameStillMatches() {
		String name = Requests.freshName();
		String provisioned = provision(name);
		DirectoryConnection lab = this.connections.find("lab").orElseThrow();
		String dn = this.accounts.find(lab, "gMSA", name).orElseThrow().distinguishedName();
		String renamed = dn.replaceFirst("^CN=[^,]+", "CN=" + name + "-renamed");
		tool("ldbrename", "-H", labDir().resolve("private/sam.ldb").toString(), dn, renamed);

		RunView blocked = decommission(provisioned);

		assertThat(blocked.state()).as("%s", blocked.failure()).isEqualTo(RunState.NEEDS_ATTENTION);
		assertThat(step(blocked, StepKind.REMOVE_GMSA)).satisfies((s) -> {
			assertThat(s.state()).isEqualTo(StepState.NEEDS_ATTENTION);
			assertThat(s.detail()).contains("the object created as " + dn + " is now " + renamed)
				.contains("someone moved or renamed it");
		});
		assertThat(this.accounts.find(lab, "gMSA", name)).as("the renamed gMSA stays").isPresent();
	}

	private RunView decommission(String provisioned) {
		Plan removal = this.service.decommissionPlan(provisioned);
		return Waiting.forRun(this.service, this.service.decommission(provisioned,
				new Approval(removal.hash(), "admin", Instant.now(), null)));
	}

	/** A portable gMSA provisioned on the lab DC, export-only; returns the succeeded run's id. */
	private String provision(String name) {
		ProvisioningRequest request = new ProvisioningRequest("lab", name, name + ".lab.test",
				List.of("HTTP/" + name + ".lab.test"), Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96),
				KdsRootKeyChoice.USE_EXISTING, name + "-hosts",
				new Hosts.Portable(name + "-ccg", KnownPlugin.KUBERNETES_SECRET.clsid(), "apps:" + name + "-ccg"),
				new Target.ExportOnly("apps", "webapp", name.toLowerCase() + "-spec"), "RITM0012");
		Plan plan = this.service.plan(request);
		String runId = this.service.start(plan, new Approval(plan.hash(), "admin", Instant.now(), null));
		RunView run = Waiting.forRun(this.service, runId);
		assertThat(run.state()).as("%s", run.failure()).isEqualTo(RunState.SUCCEEDED);
		return runId;
	}

	private static RunView.StepView step(RunView run, StepKind kind) {
		return run.steps().stream().filter((s) -> s.kind() == kind).findFirst().orElseThrow();
	}

	private List<String> actions(String runId) {
		return this.jdbc.sql("SELECT action FROM audit_event WHERE correlation_id = ? ORDER BY seq").param(runId)
			.query(String.class).list();
	}

	private String outcomeOf(String runId, String action) {
		return this.jdbc.sql("SELECT outcome FROM audit_event WHERE correlation_id = ? AND action = ? ORDER BY seq DESC "
				+ "FETCH FIRST 1 ROWS ONLY").params(runId, action).query(String.class).single();
	}

	private static Path labDir() {
		return Path.of(LabServices.dc("GMSA_LAB_CA_FILE")).getParent().getParent();
	}

	/** samba-tool against the lab DC's own configuration: a change made outside the portal. */
	private static void samba(String... args) {
		List<String> command = new java.util.ArrayList<>(List.of("samba-tool"));
		command.addAll(List.of(args));
		command.addAll(List.of("-s", labDir().resolve("etc/smb.conf").toString()));
		tool(command.toArray(String[]::new));
	}

	private static void tool(String... command) {
		LabServices.run(command);
	}

}
