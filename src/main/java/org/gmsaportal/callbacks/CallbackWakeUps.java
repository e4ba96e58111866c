package org.gmsaportal.callbacks;

import org.gmsaportal.provisioning.RequestChanged;
import org.gmsaportal.provisioning.RunChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * When a request is approved, rejected or put back to pending, when an admin resumes, abandons or decommissions a
 * run on the runs pages, or when a run ends, the requests concerned get their status change called back on the
 * next poll, not only on the slow sweep.
 */
@Component
class CallbackWakeUps {

	private static final Logger logger = LoggerFactory.getLogger(CallbackWakeUps.class);

	private final CallbackClaimRepository claims;

	CallbackWakeUps(CallbackClaimRepository claims) {
		this.claims = claims;
	}

	// First among the followers of runs: whoever hears of the change after this finds the requests awake.
	@EventListener
	@Order(Ordered.HIGHEST_PRECEDENCE)
	void on(RunChanged event) {
		try {
			this.claims.wakeRun(event.runId());
		}
		catch (DataAccessException ex) {
			// The action itself succeeded; the sweep still finds the change, only later.
			logger.warn("Could not wake the callbacks of run {}: {}", event.runId(), ex.getClass().getSimpleName());
		}
	}

	@EventListener
	@Order(Ordered.HIGHEST_PRECEDENCE)
	void on(RequestChanged event) {
		this.claims.wake(event.requestId());
	}

}
