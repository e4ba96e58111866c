package org.gmsaportal.provisioning;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rotation schedule with a one-hour interval, on the engine's clock moved forward by the test (no sleeps):
 * nothing is due before the interval passed, one rotation per identity once it has, approved and audited as
 * {@code system}, and none stacked on a rotation that is still open. The directory and cluster are the engine's
 * test doubles: what is tested here is the schedule, the rotation itself is tested against the lab DC
 * ({@code RotationLabIntegrationTests}).
 */
@TestPropertySource(properties = "gmsa.provisioning.rotation.interval=PT1H")
@ExtendWith(OutputCaptureExtension.class)
class RotationScheduleTests extends ProvisioningEngineContract {

	private static final Duration INTERVAL = Duration.ofHours(1);

	@Autowired
	RotationSchedule schedule;

	@Autowired
	PortableRotations rotations;

	@Test
	void anIdentityIsRotatedOnceItsIntervalPassedByTheSystemAndNotAgainWhileThatRotationIsOpen(CapturedOutput output) {
		String source = storeDeliveredRun();
		assertThat(this.rotations.status(source).orElseThrow().nextRotation()).isNotNull();

		assertThat(this.schedule.rotateDue()).as("not due before the interval passed").isZero();
		assertThat(rotationsOf(source)).isEmpty();

		this.clock.advance(INTERVAL.plusMinutes(1));
		assertThat(this.schedule.rotateDue()).isEqualTo(1);
		List<String> started = rotationsOf(source);
		assertThat(started).hasSize(1);
		RunView rotation = this.service.run(started.get(0)).orElseThrow();
		assertThat(rotation.kind()).isEqualTo(RunKind.ROTATION);
		assertThat(rotation.approvedBy()).isEqualTo("system");
		assertThat(rotation.approvalReason()).isEqualTo("scheduled rotation, every PT1H");
		assertThat(this.jdbc.sql("SELECT actor, actor_kind FROM audit_event WHERE correlation_id = ? AND action = ?")
			.params(rotation.id(), "provisioning.run.started")
			.query((rs, n) -> rs.getString(1) + "/" + rs.getString(2)).single()).isEqualTo("system/SYSTEM");

		// The stand-in cluster holds no Secret, so this rotation stops at its write: it stays open.
		awaitState(rotation.id(), RunState.FAILED);
		assertThat(this.schedule.rotateDue()).as("no second rotation on an open one").isZero();
		assertThat(rotationsOf(source)).hasSize(1);
		assertThat(output.getAll()).contains("skipped: rotation " + rotation.id() + " is FAILED");
		assertThat(this.service.run(source).orElseThrow().state()).isEqualTo(RunState.SUCCEEDED);
	}

	/**
	 * A succeeded run whose portable identity went to the store. The stand-in cluster cannot hold a Secret, so the
	 * run is a manual-delivery run recorded afterwards as a store-delivered one: its request, and the store step.
	 */
	private String storeDeliveredRun() {
		ProvisioningRequest manual = Requests.portable(Requests.freshName());
		String runId = startApproved(manual);
		awaitState(runId, RunState.SUCCEEDED);
		Hosts.Portable portable = (Hosts.Portable) manual.hosts();
		ProvisioningRequest stored = new ProvisioningRequest(manual.directoryConnection(), manual.gmsaName(),
				manual.dnsHostName(), manual.spns(), manual.encryptionTypes(), manual.kdsRootKey(),
				manual.groupName(), new Hosts.Portable(portable.userName(), portable.pluginGuid(), portable.pluginInput(),
						SecretDelivery.STORE), manual.target(), manual.ticketRef());
		this.jdbc.sql("UPDATE provisioning_run SET request_json = ? WHERE id = ?")
			.params(Canonical.json(stored), runId).update();
		this.jdbc.sql("INSERT INTO provisioning_step (run_id, idx, kind, target, intent, description, state, attempts) "
				+ "VALUES (?, 99, ?, 'apps/x', 'APPLY', 'write', 'SUCCEEDED', 1)")
			.params(runId, StepKind.WRITE_PORTABLE_SECRET.name()).update();
		return runId;
	}

	private List<String> rotationsOf(String source) {
		return this.jdbc.sql("SELECT id FROM provisioning_run WHERE kind = 'ROTATION' AND decommissions = ?")
			.param(source).query(String.class).list();
	}

}
