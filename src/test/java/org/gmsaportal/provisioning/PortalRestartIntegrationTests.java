package org.gmsaportal.provisioning;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.gmsaportal.GmsaPortalApplication;
import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.directory.AccountMaintenance;
import org.gmsaportal.directory.CreatedObject;
import org.gmsaportal.directory.DirectoryConnection;
import org.gmsaportal.directory.DirectoryConnections;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.support.LabServices;
import org.gmsaportal.support.Waiting;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal is shut down in the middle of a run (its step waiting on a DC that does not answer) and
 * started again on the same database: the run is found stopped with a reason, and resuming it completes
 * it without creating anything twice.
 */
class PortalRestartIntegrationTests {

	@TempDir
	Path data;

	@Test
	void aRunCutOffByARestartIsResumableAndCompletes() throws Exception {
		String name = "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 9);
		ProvisioningRequest request = new ProvisioningRequest("lab", name, name + ".lab.test", List.of(),
				Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), KdsRootKeyChoice.USE_EXISTING, name + "-hosts",
				new Hosts.Portable(name + "-ccg", KnownPlugin.KUBERNETES_SECRET.clsid(), "apps:" + name + "-ccg"),
				new Target.ExportOnly("apps", "webapp", name + "-spec"), null);

		String runId;
		// The DC freezes as the gMSA step starts, from the run's thread: the step is then surely waiting on it.
		FreezeDcAtGmsaStep outage = new FreezeDcAtGmsaStep();
		ConfigurableApplicationContext first = start(outage);
		try {
			ProvisioningService service = first.getBean(ProvisioningService.class);
			Plan plan = service.plan(request);
			runId = service.start(plan, new Approval(plan.hash(), "admin", Instant.now(), null));
			assertThat(outage.frozen.await(120, TimeUnit.SECONDS)).as("the gMSA step reached the DC").isTrue();
		}
		finally {
			// The portal goes away while the gMSA step waits on the DC.
			first.close();
			outage.thaw();
		}

		ConfigurableApplicationContext second = start(null);
		try {
			ProvisioningService service = second.getBean(ProvisioningService.class);
			RunView found = service.run(runId).orElseThrow();
			// A graceful shutdown interrupts the waiting step (FAILED with its reason); a crash leaves it
			// RUNNING and the restart marks it INTERRUPTED. Either way it is resumable, never half-recorded.
			assertThat(found.state()).isIn(RunState.FAILED, RunState.INTERRUPTED);
			assertThat(found.steps()).filteredOn(s -> s.state() == StepState.RUNNING).isEmpty();
			assertThat(found.failure()).isNotBlank().doesNotContain("\tat ");
			DirectoryConnection lab = second.getBean(DirectoryConnections.class).find("lab").orElseThrow();
			AccountMaintenance accounts = second.getBean(AccountMaintenance.class);
			CreatedObject group = accounts.find(lab, "group", name + "-hosts").orElseThrow();

			service.resume(runId);
			RunView resumed = Waiting.forRun(service, runId);
			assertThat(resumed.state()).as("%s", resumed.failure()).isEqualTo(RunState.SUCCEEDED);
			assertThat(accounts.find(lab, "group", name + "-hosts")).contains(group);
			assertThat(resumed.steps()).filteredOn(s -> s.kind() == StepKind.ENSURE_GROUP).singleElement()
				.satisfies(s -> assertThat(s.attempts()).isEqualTo(1));
			assertThat(accounts.find(lab, "gMSA", name)).isPresent();
			assertThat(accounts.find(lab, "user", name + "-ccg")).isPresent();
		}
		finally {
			second.close();
		}
	}

	private ConfigurableApplicationContext start(@Nullable FreezeDcAtGmsaStep outage) {
		SpringApplicationBuilder portal = new SpringApplicationBuilder(GmsaPortalApplication.class);
		if (outage != null) {
			portal.initializers((context) -> context.getBeanFactory().addBeanPostProcessor(outage));
		}
		// Command-line arguments, so they win over the tests' config/application.properties (an in-memory H2).
		return portal.run(
				"--server.port=0",
				"--spring.datasource.url=jdbc:h2:file:" + this.data.resolve("portal"),
				"--gmsa.directory.connections.lab.urls=" + LabServices.dc("GMSA_LAB_LDAPS_URL"),
				"--gmsa.directory.connections.lab.domain=lab.test",
				"--gmsa.directory.connections.lab.ca-file=" + LabServices.dc("GMSA_LAB_CA_FILE"),
				"--gmsa.directory.connections.lab.bind-user=" + LabServices.dc("GMSA_LAB_DOMAIN_ADMIN"),
				"--gmsa.directory.connections.lab.bind-password=" + LabServices.dc("GMSA_LAB_DOMAIN_ADMIN_PASSWORD"),
				"--gmsa.directory.connections.lab.read-timeout=20s");
	}

}
