package org.gmsaportal.provisioning;

import java.util.List;
import java.util.Map;

import org.gmsaportal.audit.Actor;
import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start-up, marks runs the previous process left running as interrupted, so an admin can resume them.
 */
@Component
class RunRecovery {

	static final String STOPPED = "the portal stopped while this step ran; resume the run to do it again (it is idempotent)";

	private final RunRepository runs;

	private final AuditTrail audit;

	private final TransactionTemplate transactions;

	RunRecovery(RunRepository runs, AuditTrail audit, TransactionTemplate transactions) {
		this.runs = runs;
		this.audit = audit;
		this.transactions = transactions;
	}

	@EventListener(ApplicationReadyEvent.class)
	void onStart() {
		interruptRunningRuns();
	}

	/** @return the runs marked interrupted */
	List<String> interruptRunningRuns() {
		List<String> ids = this.runs.runIdsIn(RunState.RUNNING);
		for (String id : ids) {
			this.transactions.executeWithoutResult((tx) -> {
				RunView run = this.runs.find(id).orElseThrow();
				for (int index : this.runs.stepsIn(id, StepState.RUNNING)) {
					this.runs.stepFinished(id, index, StepState.FAILED, null, STOPPED, null);
				}
				if (this.runs.transition(id, List.of(RunState.RUNNING), RunState.INTERRUPTED,
						"interrupted: the portal stopped during the run")) {
					this.audit.record(AuditEvent.of("provisioning.run.interrupted", run.gmsaName() + "@" + run.domain(),
							AuditOutcome.FAILURE)
						.withDetails(Map.of("kind", run.kind().name()))
						.withActor(Actor.system())
						.withCorrelation(id, run.ticketRef()));
				}
			});
		}
		return ids;
	}

}
