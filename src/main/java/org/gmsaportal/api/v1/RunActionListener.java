package org.gmsaportal.api.v1;

import org.gmsaportal.provisioning.RunChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * When an admin resumes, abandons or decommissions a run on the runs pages, or a run ends, the API requests behind
 * it get their status change called back on the next poll, not only on the slow sweep.
 */
@Component
class RunActionListener {

	private static final Logger logger = LoggerFactory.getLogger(RunActionListener.class);

	private final CallbackClaims claims;

	RunActionListener(CallbackClaims claims) {
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

}
