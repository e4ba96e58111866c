package org.gmsaportal.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Rotates the portable identities that are due, when {@code gmsa.provisioning.rotation.interval} is set: every
 * {@code check-every}, one rotation run per due identity, approved by {@code system} and audited as such. An identity
 * whose rotation is still open (running, failed, interrupted) is skipped with the reason logged, not stacked.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RotationSchedule implements SchedulingConfigurer {

	private static final Logger logger = LoggerFactory.getLogger(RotationSchedule.class);

	// A page of identities per pass: what is left is due at the next pass.
	private static final int PER_PASS = 200;

	private final PortableRotations rotations;

	private final RotationRepository repository;

	private final RotationSettings settings;

	private final Clock clock;

	RotationSchedule(PortableRotations rotations, RotationRepository repository, RotationSettings settings,
			Clock clock) {
		this.rotations = rotations;
		this.repository = repository;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		if (this.settings.interval() != null) {
			registrar.addFixedDelayTask(new FixedDelayTask(this::rotateDue, this.settings.checkEvery(),
					this.settings.checkEvery()));
		}
	}

	/** Starts a rotation of each identity that is due now; returns how many it started. */
	int rotateDue() {
		Duration interval = this.settings.interval();
		if (interval == null) {
			return 0;
		}
		Instant now = this.clock.instant();
		int started = 0;
		for (PortableRotations.Status status : this.rotations.statuses(PER_PASS)) {
			Instant next = status.nextRotation();
			if (next == null || next.isAfter(now)) {
				continue;
			}
			var open = this.repository.open(status.runId());
			if (open.isPresent()) {
				logger.info("Scheduled rotation of {} (run {}) skipped: rotation {} is {}; resume or abandon it",
						status.gmsaName(), status.runId(), open.get().id(), open.get().state());
				continue;
			}
			try {
				String rotation = this.rotations.rotateBySchedule(status.runId(), interval);
				logger.info("Scheduled rotation {} of {} (run {}) started", rotation, status.gmsaName(), status.runId());
				started++;
			}
			catch (ProvisioningRefusedException ex) {
				// The refusal names the reason (the name is in use by another run, the user is not the portal's, ...).
				logger.info("Scheduled rotation of {} (run {}) skipped: {}", status.gmsaName(), status.runId(),
						ex.getMessage());
			}
		}
		return started;
	}

}
