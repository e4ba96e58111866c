package org.gmsaportal.api.v1;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.gmsaportal.provisioning.Approval;
import org.gmsaportal.provisioning.Plan;
import org.gmsaportal.provisioning.PortableRotations;
import org.gmsaportal.provisioning.ProvisioningRefusedException;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunKind;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.provisioning.StepKind;
import org.gmsaportal.provisioning.StepState;
import org.gmsaportal.support.LabServices;
import org.gmsaportal.support.Waiting;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rotation of a portable identity the portal wrote to a Kubernetes Secret (on fabric8's mock API server, see
 * {@link RotationLab}), against the Samba lab DC: the old password stops binding, the new one read from the store
 * proves retrieval, the audit trail shows the rotation, and neither password is anywhere the portal writes.
 */
@ExtendWith(OutputCaptureExtension.class)
class RotationLabIntegrationTests {

	@TempDir
	Path data;

	@TempDir
	Path scratch;

	@BeforeAll
	static void requireLabDc() {
		LabServices.dc("GMSA_LAB_LDAPS_URL");
	}

	@Test
	void aRotationReplacesThePasswordInTheDirectoryAndTheStoreAndLeavesItNowhereElse(CapturedOutput output)
			throws Exception {
		String name = RotationLab.freshName("q");
		String user = name + "-ccg";
		List<String> pages = new ArrayList<>();
		String oldPassword;
		String newPassword;
		try (RotationLab lab = new RotationLab(this.data)) {
			ProvisioningService service = lab.bean(ProvisioningService.class);
			PortableRotations rotations = lab.bean(PortableRotations.class);
			String runId = lab.provision(RotationLab.storeDelivered(name));
			oldPassword = lab.storedPassword(name);
			assertThat(RotationLab.binds(user, oldPassword, this.scratch)).as("the first password binds").isTrue();

			Plan plan = rotations.plan(runId);
			assertThat(plan.steps()).extracting((s) -> s.kind())
				.containsExactly(StepKind.SET_PORTABLE_PASSWORD, StepKind.WRITE_PORTABLE_SECRET, StepKind.PROVE_RETRIEVAL);
			String rotationId = rotations.rotate(runId, new Approval(plan.hash(), "admin", Instant.now(), "quarterly"));
			RunView rotation = Waiting.forRun(service, rotationId);
			assertThat(rotation.state()).as("%s %s", rotation.failure(), rotation.steps()).isEqualTo(RunState.SUCCEEDED);
			assertThat(rotation.kind()).isEqualTo(RunKind.ROTATION);
			assertThat(rotation.decommissions()).as("linked to the run it rotates").isEqualTo(runId);
			assertThat(rotation.steps()).allSatisfy((s) -> assertThat(s.state()).isEqualTo(StepState.SUCCEEDED));
			assertThat(rotation.steps().get(2).detail()).contains("retrieval proven through Kubernetes Secret");
			assertThat(service.run(runId).orElseThrow().state()).as("the source run").isEqualTo(RunState.SUCCEEDED);

			newPassword = lab.storedPassword(name);
			assertThat(newPassword).isNotEqualTo(oldPassword);
			assertThat(RotationLab.binds(user, oldPassword, this.scratch)).as("the old password binds no more").isFalse();
			assertThat(RotationLab.binds(user, newPassword, this.scratch)).as("the stored password binds").isTrue();
			assertThat(rotations.status(runId).orElseThrow().lastRotation()).isNotNull();

			lab.signInAsAdmin();
			pages.add(lab.get("/runs/" + runId));
			pages.add(lab.get("/runs/" + rotationId));
			pages.add(lab.get("/runs"));
			pages.add(lab.get("/"));
			String csv = lab.get("/audit/export.csv");
			pages.add(csv);
			assertThat(csv).contains("provisioning.portable-identity.rotated")
				.contains("provisioning.step.set-portable-password").contains("provisioning.step.write-portable-secret")
				.contains(RotationLab.NAMESPACE + "/" + user);
			assertThat(csv.lines().filter((l) -> l.contains("provisioning.portable-identity.rotated")))
				.singleElement().satisfies((l) -> assertThat(l).contains(rotationId).contains("version"));
		}
		// The portal is closed: H2 has written everything it will to its files.
		List<String> files = new ArrayList<>();
		try (Stream<Path> walk = Files.walk(this.data)) {
			for (Path file : walk.filter(Files::isRegularFile).toList()) {
				files.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
			}
		}
		assertThat(files).as("the H2 database files").isNotEmpty();
		for (String secret : List.of(oldPassword, newPassword)) {
			assertThat(files).as("H2 files").noneMatch((f) -> f.contains(secret));
			assertThat(output.getAll()).as("log output").doesNotContain(secret);
			assertThat(pages).as("pages and the audit CSV export").noneMatch((p) -> p.contains(secret));
		}
	}

	@Test
	void aRotationThatFailedOnTheStoreWriteResumesWithAFreshPasswordThatTheStoreHolds() throws Exception {
		String name = RotationLab.freshName("w");
		String user = name + "-ccg";
		try (RotationLab lab = new RotationLab(this.data)) {
			ProvisioningService service = lab.bean(ProvisioningService.class);
			PortableRotations rotations = lab.bean(PortableRotations.class);
			String runId = lab.provision(RotationLab.storeDelivered(name));
			String oldPassword = lab.storedPassword(name);

			// The store refuses the write once, after AD took the new password (a 403: fabric8 retries a 5xx itself).
			lab.cluster.server.expect().patch()
				.withPath("/api/v1/namespaces/" + RotationLab.NAMESPACE + "/secrets/" + user
						+ "?fieldManager=gmsa-portal")
				.andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"reason\":\"Forbidden\",\"message\":"
						+ "\"secrets is forbidden\"}").once();
			Plan plan = rotations.plan(runId);
			String rotationId = rotations.rotate(runId, new Approval(plan.hash(), "admin", Instant.now(), null));
			RunView failed = Waiting.forRun(service, rotationId);
			assertThat(failed.state()).isEqualTo(RunState.FAILED);
			assertThat(failed.steps().get(0).state()).isEqualTo(StepState.SUCCEEDED);
			assertThat(failed.steps().get(1).state()).isEqualTo(StepState.FAILED);
			assertThat(failed.steps().get(1).detail()).contains("resume the rotation");
			assertThat(lab.storedPassword(name)).as("the store kept the old value").isEqualTo(oldPassword);
			assertThat(RotationLab.binds(user, oldPassword, this.scratch)).as("AD moved on").isFalse();
			assertThatThrownBy(() -> rotations.plan(runId)).isInstanceOf(ProvisioningRefusedException.class)
				.hasMessageContaining("Rotation " + rotationId).hasMessageContaining("FAILED");

			service.resume(rotationId);
			RunView resumed = Waiting.forRun(service, rotationId);
			assertThat(resumed.state()).as("%s", resumed.failure()).isEqualTo(RunState.SUCCEEDED);
			assertThat(resumed.steps().get(1).detail()).contains("fresh password");
			String stored = lab.storedPassword(name);
			assertThat(stored).isNotEqualTo(oldPassword);
			assertThat(RotationLab.binds(user, stored, this.scratch)).as("AD holds what the store holds").isTrue();
			assertThat(service.run(runId).orElseThrow().state()).isEqualTo(RunState.SUCCEEDED);
		}
	}

}
