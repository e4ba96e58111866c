package org.gmsaportal.callbacks;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Turns on {@code @Scheduled} for the callback poller ({@link CallbackDelivery}); nothing else in the
 * portal enabled scheduling before.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CallbackScheduling {

}
