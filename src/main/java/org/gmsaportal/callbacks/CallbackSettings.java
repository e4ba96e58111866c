package org.gmsaportal.callbacks;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the status callbacks to ticketing systems.
 *
 * @param allowInsecureCallbacks lab only: allow http callback URLs and hosts that resolve to internal addresses
 * (the client's allow-list still applies)
 * @param callbacks how often and how long callbacks are tried
 */
@ConfigurationProperties("gmsa.api")
record CallbackSettings(@DefaultValue("false") boolean allowInsecureCallbacks, @DefaultValue Callbacks callbacks) {

	/**
	 * Timing of the callback poller.
	 *
	 * @param pollInterval how often the poller looks for new statuses and due retries
	 * @param sweepInterval how often it also looks at requests that went quiet
	 * @param attemptTimeout the bound on one delivery attempt, connection to answer
	 * @param retryFor how long an event is retried before the portal gives up on it
	 */
	record Callbacks(@DefaultValue("5s") Duration pollInterval, @DefaultValue("10m") Duration sweepInterval,
			@DefaultValue("15s") Duration attemptTimeout, @DefaultValue("24h") Duration retryFor) {
	}

}
