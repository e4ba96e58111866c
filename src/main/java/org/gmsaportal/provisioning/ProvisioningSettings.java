package org.gmsaportal.provisioning;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How portal instances that share a database hold the runs they execute.
 *
 * @param heartbeatInterval how often an instance renews the heartbeat of each run it executes, and looks for
 * runs whose heartbeat went stale
 * @param missedHeartbeats after how many missed heartbeats a run counts as abandoned by its instance (crashed,
 * cut off from the database) and is marked interrupted, so that an admin can resume it
 * @param shutdownGrace how long a shutting-down instance waits for the steps it executes to end before it hands
 * their runs back; shorter than the stale limit, so that no other instance takes a run over meanwhile
 */
@ConfigurationProperties("gmsa.provisioning")
@Validated
record ProvisioningSettings(@DefaultValue("10s") Duration heartbeatInterval,
		@DefaultValue("3") @Min(2) int missedHeartbeats, @DefaultValue("20s") Duration shutdownGrace) {

	/** How old a heartbeat may be before its run counts as abandoned. */
	Duration staleAfter() {
		return this.heartbeatInterval.multipliedBy(this.missedHeartbeats);
	}

}
