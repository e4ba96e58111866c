package org.gmsaportal.provisioning;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * What an instance does every heartbeat interval: renew the heartbeats of the runs it
 * executes, then mark interrupted the runs whose instance stopped renewing theirs.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RunSchedule {

	private final RunLeases leases;

	private final RunRecovery recovery;

	RunSchedule(RunLeases leases, RunRecovery recovery) {
		this.leases = leases;
		this.recovery = recovery;
	}

	@Scheduled(fixedDelayString = "${gmsa.provisioning.heartbeat-interval:10s}",
			initialDelayString = "${gmsa.provisioning.heartbeat-interval:10s}")
	void heartbeat() {
		this.leases.renew();
		this.recovery.interruptStaleRuns();
	}

}
