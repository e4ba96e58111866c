package org.gmsaportal.provisioning;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * What an instance does every heartbeat interval ({@code gmsa.provisioning.heartbeat-interval}): renew the
 * heartbeats of the runs it executes, then mark interrupted the runs whose instance stopped renewing theirs.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RunSchedule implements SchedulingConfigurer {

	private final RunLeases leases;

	private final RunRecovery recovery;

	private final ProvisioningSettings settings;

	RunSchedule(RunLeases leases, RunRecovery recovery, ProvisioningSettings settings) {
		this.leases = leases;
		this.recovery = recovery;
		this.settings = settings;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(new FixedDelayTask(this::heartbeat, this.settings.heartbeatInterval(),
				this.settings.heartbeatInterval()));
	}

	void heartbeat() {
		this.leases.renew();
		this.recovery.interruptStaleRuns();
	}

}
