package org.gmsaportal.inventory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.directory.DirectoryInventory;
import org.gmsaportal.directory.DirectoryListing;
import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.gmsaportal.provisioning.Approval;
import org.gmsaportal.provisioning.Hosts;
import org.gmsaportal.provisioning.InventoryEntry;
import org.gmsaportal.provisioning.Plan;
import org.gmsaportal.provisioning.ProvisioningRequest;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunOverview;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.Target;
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
 * Drift of a gMSA a portal run made on the Samba lab DC (a whole run through the engine, export-only), changed
 * afterwards outside the portal with Samba's own tools.
 */
@SpringBootTest
class DirectoryDriftIntegrationTests {

	@Autowired
	ProvisioningService service;

	@Autowired
	RunOverview runs;

	@Autowired
	DirectoryInventory directory;

	@Autowired
	DirectoryAssessor assessor;

	@BeforeAll
	static void requireLabDc() {
		LabServices.dc("GMSA_LAB_LDAPS_URL");
	}

	@DynamicPropertySource
	static void labDirectory(DynamicPropertyRegistry registry) {
		LabServices.registerLabDirectoryWithServiceAccount(registry);
	}

	@Test
	void spnsChangedOutsideThePortalAreDriftNamingTheRunThatMadeTheGmsa() throws Exception {
		String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		String user = name + "-ccg";
		ProvisioningRequest request = new ProvisioningRequest("lab", name, name + ".lab.test",
				List.of("HTTP/" + name + ".lab.test"), Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96),
				KdsRootKeyChoice.USE_EXISTING, name + "-hosts",
				new Hosts.Portable(user, KnownPlugin.KUBERNETES_SECRET.clsid(), "apps:" + user),
				new Target.ExportOnly("apps", "webapp", name + "-spec"), null);
		Plan plan = this.service.plan(request);
		String runId = this.service.start(plan, new Approval(plan.hash(), "admin", Instant.now(), null));
		assertThat(Waiting.forRun(this.service, runId).state()).isEqualTo(RunState.SUCCEEDED);
		String subject = "gmsa:lab.test/" + name + "$";

		assertThat(drift(user)).as("the run's records match what it made").noneMatch((d) -> d.subject().equals(subject)
				|| d.runId().equals(runId));

		samba("spn", "add", "http/" + name + "-moved.lab.test", name + "$");
		samba("spn", "delete", "HTTP/" + name + ".lab.test", name + "$");

		assertThat(drift(user)).filteredOn((d) -> d.runId().equals(runId)).singleElement().satisfies((d) -> {
			assertThat(d.kind()).isEqualTo(DriftKind.SPNS_CHANGED);
			assertThat(d.subject()).isEqualTo(subject);
			assertThat(d.detail()).contains("recorded [").contains("http/" + name + ".lab.test")
				.contains("now [").contains("http/" + name + "-moved.lab.test");
		});
	}

	private List<Drift> drift(String portableUser) {
		DirectoryListing listing = this.directory.read("lab", List.of(portableUser));
		assertThat(listing.incomplete()).isEmpty();
		List<InventoryEntry> records = this.runs.inventory();
		return this.assessor.drift(new InventoryData(List.of(listing), List.of(), records));
	}

	private static void samba(String... command) {
		Path lab = Path.of(LabServices.dc("GMSA_LAB_CA_FILE")).getParent().getParent();
		String[] full = new String[command.length + 3];
		full[0] = "samba-tool";
		System.arraycopy(command, 0, full, 1, command.length);
		full[command.length + 1] = "-H";
		full[command.length + 2] = lab.resolve("private/sam.ldb").toString();
		LabServices.run(full);
	}

}
