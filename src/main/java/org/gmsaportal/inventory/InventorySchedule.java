package org.gmsaportal.inventory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.gmsaportal.audit.Actor;
import org.gmsaportal.audit.OnBehalfOf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Takes a snapshot every {@code gmsa.inventory.snapshot-interval} as {@code system}, the first one interval after
 * start. Every instance looks at most every ten minutes whether one is due; the claim ({@link ScheduleClaims}, on
 * the database's clock) lets exactly one of them take it.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class InventorySchedule implements SchedulingConfigurer {

	private static final Logger logger = LoggerFactory.getLogger(InventorySchedule.class);

	private static final Duration LOOK_AT_MOST = Duration.ofMinutes(10);

	private final Inventory inventory;

	private final ScheduleClaims claims;

	private final InventorySettings settings;

	private final Clock clock;

	private final String claimant = host() + "/" + UUID.randomUUID();

	InventorySchedule(Inventory inventory, ScheduleClaims claims, InventorySettings settings, Clock clock) {
		this.inventory = inventory;
		this.claims = claims;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		if (this.settings.scheduled()) {
			Duration interval = this.settings.snapshotInterval();
			Duration look = (interval.compareTo(LOOK_AT_MOST) < 0) ? interval : LOOK_AT_MOST;
			registrar.addFixedDelayTask(new FixedDelayTask(this::takeIfDue, look, interval));
		}
	}

	/** Takes the snapshot if it is due and this instance claims it; true if it did. */
	boolean takeIfDue() {
		Instant now = this.clock.instant();
		if (!this.claims.claim(this.claimant, now, now.plus(this.settings.snapshotInterval()))) {
			return false;
		}
		try {
			OnBehalfOf.run(Actor.system(), this.inventory::refresh);
			return true;
		}
		catch (RuntimeException ex) {
			// The next one is due an interval later: a failing connection must not make every instance retry now.
			logger.warn("Scheduled inventory snapshot failed: {}", ex.getMessage());
			return false;
		}
	}

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown-host";
		}
	}

}
