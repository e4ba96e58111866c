package org.gmsaportal.provisioning;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.gmsaportal.credspec.DomainIdentity;
import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.credspec.SecretValue;
import org.gmsaportal.directory.AccountMaintenance;
import org.gmsaportal.directory.CreatedObject;
import org.gmsaportal.directory.Directory;
import org.gmsaportal.directory.DirectoryConnection;
import org.gmsaportal.directory.DirectoryConnections;
import org.gmsaportal.directory.DirectoryUser;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.GroupScope;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.directory.Located;
import org.gmsaportal.directory.Removed;
import org.gmsaportal.directory.RunRef;
import org.gmsaportal.support.LabServices;
import org.gmsaportal.support.Waiting;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal dies right after the directory created the portable user and before the step's outcome was recorded
 * (simulated on the Samba lab DC: the user is created through the directory module, then the run's thread dies).
 * The resumed run finds the user, recognises it by the intent it recorded before the write, and counts it as
 * created by the run, so decommission removes it instead of leaving it behind.
 */
@SpringBootTest(properties = "gmsa.provisioning.heartbeat-interval=1h")
@Import({ MutableClock.Config.class, LostCreationIntegrationTests.CutOff.class })
class LostCreationIntegrationTests {

	@Autowired
	ProvisioningService service;

	@Autowired
	RunRecovery recovery;

	@Autowired
	MutableClock clock;

	@Autowired
	ProvisioningSettings settings;

	@Autowired
	DirectoryConnections connections;

	@Autowired
	AccountMaintenance accounts;

	@Autowired
	CrashAfterCreatingUser directory;

	@BeforeAll
	static void requireLabDc() {
		LabServices.dc("GMSA_LAB_LDAPS_URL");
	}

	@DynamicPropertySource
	static void labDirectory(DynamicPropertyRegistry registry) {
		LabServices.registerLabDirectoryWithServiceAccount(registry);
	}

	@Test
	void aUserCreatedJustBeforeThePortalStoppedIsTheRunsAndItsDecommissionRemovesIt() throws Exception {
		String name = Requests.freshName();
		String user = name + "-ccg";
		ProvisioningRequest request = new ProvisioningRequest("lab", name, name + ".lab.test", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, name + "-hosts",
				new Hosts.Portable(user, KnownPlugin.KUBERNETES_SECRET.clsid(), "apps:" + user),
				new Target.ExportOnly("apps", "webapp", name + "-spec"), null);
		Plan plan = this.service.plan(request);
		this.directory.armed = true;
		String runId = this.service.start(plan, new Approval(plan.hash(), "admin", Instant.now(), null));
		assertThat(this.directory.crashed.await(120, TimeUnit.SECONDS)).isTrue();

		DirectoryConnection lab = this.connections.find("lab").orElseThrow();
		assertThat(this.accounts.find(lab, "user", user)).isPresent();
		RunView cutOff = this.service.run(runId).orElseThrow();
		assertThat(cutOff.state()).isEqualTo(RunState.RUNNING);
		assertThat(step(cutOff, StepKind.ENSURE_PORTABLE_USER).result()).isNull();

		this.clock.advance(this.settings.staleAfter().plusSeconds(1));
		assertThat(this.recovery.interruptStaleRuns()).contains(runId);
		this.service.resume(runId);
		RunView done = Waiting.forRun(this.service, runId);
		assertThat(done.state()).as("%s", done.failure()).isEqualTo(RunState.SUCCEEDED);
		RunView.StepView userStep = step(done, StepKind.ENSURE_PORTABLE_USER);
		assertThat(userStep.result()).isEqualTo("CREATED");
		assertThat(userStep.detail()).contains("CN=" + user + ",CN=Users,DC=lab,DC=test")
			.contains("in an earlier attempt of this run");

		Plan removal = this.service.decommissionPlan(runId);
		assertThat(removal.steps()).filteredOn((s) -> s.kind() == StepKind.REMOVE_PORTABLE_USER).singleElement()
			.satisfies((s) -> assertThat(s.intent()).isEqualTo(StepIntent.APPLY));
		String decommission = this.service.decommission(runId, new Approval(removal.hash(), "admin", Instant.now(), null));
		assertThat(Waiting.forRun(this.service, decommission).state()).isEqualTo(RunState.SUCCEEDED);
		assertThat(this.accounts.find(lab, "user", user)).isEmpty();
		assertThat(this.accounts.find(lab, "gMSA", name)).isEmpty();
		assertThat(this.accounts.find(lab, "group", name + "-hosts")).isEmpty();
	}

	private static RunView.StepView step(RunView run, StepKind kind) {
		return run.steps().stream().filter((s) -> s.kind() == kind).findFirst().orElseThrow();
	}

	/**
	 * The directory module's face, except that, when armed, the portable user is created through it and then the
	 * run's thread dies before the engine learns of it, as a killed process would.
	 */
	static class CrashAfterCreatingUser implements Directory {

		final CountDownLatch crashed = new CountDownLatch(1);

		volatile boolean armed;

		private final Directory real;

		CrashAfterCreatingUser(Directory real) {
			this.real = real;
		}

		@Override
		public Ensured ensurePortableUser(String connection, String userName, @Nullable String container,
				SecretValue initialPassword, Mode mode, @Nullable RunRef run) {
			if (mode == Mode.APPLY && this.armed) {
				this.armed = false;
				this.real.ensurePortableUser(connection, userName, container, initialPassword, mode, run);
				this.crashed.countDown();
				throw new RunLifecycleContract.SimulatedCrash();
			}
			return this.real.ensurePortableUser(connection, userName, container, initialPassword, mode, run);
		}

		@Override
		public Container container(String connection, ObjectType type, @Nullable String requested) {
			return this.real.container(connection, type, requested);
		}

		@Override
		public List<ConnectionSummary> connections() {
			return this.real.connections();
		}

		@Override
		public DomainIdentity domainFacts(String connection) {
			return this.real.domainFacts(connection);
		}

		@Override
		public Ensured ensureKdsRootKey(String connection, KdsRootKeyChoice choice, Mode mode, @Nullable RunRef run) {
			return this.real.ensureKdsRootKey(connection, choice, mode, run);
		}

		@Override
		public org.gmsaportal.directory.KdsStatus kdsStatus(String connection) {
			return this.real.kdsStatus(connection);
		}

		@Override
		public Ensured ensureGroup(String connection, String groupName, GroupScope scope, @Nullable String container,
				Mode mode, @Nullable RunRef run) {
			return this.real.ensureGroup(connection, groupName, scope, container, mode, run);
		}

		@Override
		public Ensured ensureGmsa(String connection, GmsaSpec gmsa, Mode mode, @Nullable RunRef run) {
			return this.real.ensureGmsa(connection, gmsa, mode, run);
		}

		@Override
		public void setPassword(String connection, String userName, SecretValue password, @Nullable RunRef run) {
			this.real.setPassword(connection, userName, password, run);
		}

		@Override
		public Ensured ensureMembership(String connection, String groupName, List<String> members, Mode mode,
				@Nullable RunRef run) {
			return this.real.ensureMembership(connection, groupName, members, mode, run);
		}

		@Override
		public Ensured proveRetrieval(String connection, String gmsaName, String userName, SecretValue password,
				@Nullable RunRef run) {
			return this.real.proveRetrieval(connection, gmsaName, userName, password, run);
		}

		@Override
		public Removed remove(String connection, ObjectType type, String name, @Nullable CreatedObject created,
				@Nullable RunRef run) {
			return this.real.remove(connection, type, name, created, run);
		}

		@Override
		public List<SpnConflict> spnConflicts(String connection, @Nullable String gmsaName, List<String> spns) {
			return this.real.spnConflicts(connection, gmsaName, spns);
		}

		@Override
		public Computers findComputers(String connection, String text) {
			return this.real.findComputers(connection, text);
		}

		@Override
		public Retrievers retrievers(String connection, String gmsaName, List<String> principals) {
			return this.real.retrievers(connection, gmsaName, principals);
		}

		@Override
		public DirectoryStatus status(String connection) {
			return this.real.status(connection);
		}

		@Override
		public DirectoryUser authenticate(String connection, String username, String password) {
			return this.real.authenticate(connection, username, password);
		}

		@Override
		public Located locate(String connection, ObjectType type, String name, @Nullable String container) {
			return this.real.locate(connection, type, name, container);
		}

		@Override
		public Removed removeMembership(String connection, String groupName, List<String> members,
				@Nullable RunRef run) {
			return this.real.removeMembership(connection, groupName, members, run);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class CutOff {

		@Bean
		@Primary
		CrashAfterCreatingUser crashAfterCreatingUser(@Qualifier("directoryFacade") Directory real) {
			return new CrashAfterCreatingUser(real);
		}

	}

}
