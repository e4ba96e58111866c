package org.gmsaportal.callbacks;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the callback poller ({@link CallbackDelivery}) every {@code gmsa.api.callbacks.poll-interval}, first after
 * one interval.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CallbackScheduling implements SchedulingConfigurer {

	private final CallbackDelivery delivery;

	private final CallbackSettings settings;

	CallbackScheduling(CallbackDelivery delivery, CallbackSettings settings) {
		this.delivery = delivery;
		this.settings = settings;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(new FixedDelayTask(this.delivery::scheduledPoll,
				this.settings.callbacks().pollInterval(), this.settings.callbacks().pollInterval()));
	}

}
